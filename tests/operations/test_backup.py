"""`make backup` and `make restore`: the demo data and every stored file come
back, in a fresh PostgreSQL cluster (started by the test) and a fresh storage."""

import hashlib
import importlib
import subprocess
import sys

import psycopg2
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from agreements.models import Clause, Programme, ProgressReport
from agreements.services import programme_attach_scan
from meetings.models import Directive, Meeting
from reports.models import Report
from tests.agreements.pdf import tiny_pdf
from tests.test_settings import ROOT, clean_environment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
KEPT = [Programme, Clause, ProgressReport, Meeting, Directive, Report]


def rows(cursor, model):
    cursor.execute(f'SELECT * FROM "{model._meta.db_table}" ORDER BY 1')
    return cursor.fetchall()


def stored_files(root):
    """{name: sha256} of every file under a storage folder."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def restore(archive, database_url, root):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=clean_environment(
            DJANGO_DEBUG="True",
            DATABASE_URL=database_url,
            DJANGO_PRIVATE_MEDIA_ROOT=str(root / "private"),
            DJANGO_MEDIA_ROOT=str(root / "media"),
        ),
        capture_output=True,
        text=True,
    )


def test_a_backup_restores_every_record_and_file_elsewhere(
    postgres_cluster, settings, tmp_path, capsys
):
    # The fields of work a data migration makes; other transactional tests emptied them.
    importlib.import_module("agreements.migrations.0002_topics").add_topics(apps, None)
    call_command("load_demo")
    signed = Programme.objects.filter(status=Programme.Status.SIGNED).first()
    programme_attach_scan(programme=signed, upload=tiny_pdf())
    capsys.readouterr()
    call_command("backup", output_dir=str(tmp_path / "backups"))
    archive = capsys.readouterr().out.strip()
    assert archive.endswith(".tar") and archive.startswith(str(tmp_path / "backups"))

    url = postgres_cluster.createdb("restored")
    restored_root = tmp_path / "restored"
    result = restore(archive, url, restored_root)
    assert result.returncode == 0, result.stderr

    with connection.cursor() as cursor:
        original = {model: rows(cursor, model) for model in KEPT}
    with psycopg2.connect(url) as other, other.cursor() as cursor:
        restored = {model: rows(cursor, model) for model in KEPT}
    for model in KEPT:
        assert original[model], f"the demo has no {model.__name__}"
        assert restored[model] == original[model], model.__name__

    files = stored_files(settings.PRIVATE_MEDIA_ROOT)
    reports = Report.objects.filter(status=Report.Status.DONE)
    named = {signed.scanned_copy.name} | {
        getattr(report, kind).name for report in reports for kind in ("pdf", "xlsx", "html")
    }
    assert reports.count() == Report.objects.count() >= 4
    assert len(named) == 3 * reports.count() + 1 and named <= set(files)
    assert stored_files(restored_root / "private") == files

    again = restore(archive, url, tmp_path / "again")
    assert again.returncode != 0
    assert "not empty" in again.stderr
