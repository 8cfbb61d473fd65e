"""A trigram index on Programme.search_text, on PostgreSQL only: the list's search is a
substring match (`LIKE '%…%'`, agreements/search.py), which no B-tree serves; its count
read all 25,000 programmes' texts (bench/INDEXES.md). SQLite (make run) has no such
index and needs none for a demo's few hundred programmes."""

from django.db import migrations

INDEX = "programme_search_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may add it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON agreements_programme"
        " USING gin (search_text gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0017_involvement_programme_body"),
    ]

    operations = [migrations.RunPython(create, drop)]
