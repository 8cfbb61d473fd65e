from django.db import migrations

from agreements.search import programme_search_text


def refresh_search_text(apps, schema_editor):
    """Fold again the text every programme is found by, now with its abbreviations
    spelled out and its parties' full names, as the services write it."""
    Programme = apps.get_model("agreements", "Programme")
    programmes = Programme.objects.select_related("issuer").prefetch_related(
        "memberships__body", "topics"
    )
    for programme in programmes:
        separator = "-" if programme.issuer.kind in {"party_committee", "party_organ"} else "/"
        bodies = [party.body for party in programme.memberships.all()]
        programme.search_text = programme_search_text(
            reference=f"{programme.number:02d}{separator}{programme.symbol}",
            title=programme.title,
            legal_basis=programme.legal_basis,
            content=programme.content,
            names=[n for b in bodies for n in dict.fromkeys([b.name, b.full_name])]
            + [t.name for t in programme.topics.all()],
        )
        programme.save(update_fields=["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ("agreements", "0004_party_and_indicator_history"),
        ("parties", "0002_body_full_name"),
    ]

    operations = [
        migrations.RunPython(refresh_search_text, migrations.RunPython.noop),
    ]
