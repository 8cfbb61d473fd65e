"""`make backup` and `make restore`: the demo data and every stored file come
back, in a fresh PostgreSQL cluster (started by the test) and a fresh storage."""

import hashlib
import importlib
import subprocess
import sys
import tarfile

import psycopg2
import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from agreements.models import Clause, Programme, ProgressReport
from agreements.services import programme_attach_scan
from config.backup import (
    BackupError,
    archive_manifest,
    archive_verify,
    backup_write,
    restore_files,
    storages_lack_the_files,
)
from meetings.models import Directive, Meeting
from reports.models import Report
from tests.agreements.factories import district_bodies, signed
from tests.agreements.pdf import pdf_bytes, tiny_pdf
from tests.fixtures.services import s3_storage_settings
from tests.test_settings import ROOT, clean_environment

pytestmark = pytest.mark.postgres
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


@pytest.mark.django_db(transaction=True)
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


def corrupt(archive, member):
    """Flip one byte of a member's data inside the tar file."""
    with tarfile.open(archive) as tar:
        offset = tar.getmember(member).offset_data
    with open(archive, "r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0xFF]))


@pytest.mark.django_db
def test_files_come_back_into_another_bucket_byte_for_byte(s3_storages, settings, tmp_path):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    archive = backup_write(output_dir=tmp_path)

    other = f"{s3_storages.bucket}-restored"
    s3_storages.client().create_bucket(Bucket=other)
    settings.STORAGES = s3_storage_settings(settings.STORAGES, s3_storages, other)
    with tarfile.open(archive) as tar:
        manifest = archive_manifest(tar, archive)
        archive_verify(tar, manifest)
        storages_lack_the_files(manifest)
        restore_files(tar, manifest)
        with pytest.raises(BackupError, match="exists already"):
            storages_lack_the_files(manifest)
    key = f"private/{programme.scanned_copy.name}"
    restored = s3_storages.client().get_object(Bucket=other, Key=key)["Body"].read()
    assert restored == s3_storages.read(key) == pdf_bytes()


@pytest.mark.django_db
def test_a_damaged_archive_is_refused_before_anything_is_written(settings, tmp_path):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    archive = backup_write(output_dir=tmp_path)
    corrupt(archive, f"files/private/{programme.scanned_copy.name}")
    with tarfile.open(archive) as tar, pytest.raises(BackupError, match="damaged"):
        archive_verify(tar, archive_manifest(tar, archive))
