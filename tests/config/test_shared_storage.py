"""Stored files on an S3-compatible bucket (moto's server, started by the test):
private, never linked to, served by the checked views; and a web process and a
worker that share no disk, the worker building a report that the web serves."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date

import pytest
from django.db import transaction
from django.urls import reverse

from agreements.services import programme_attach_scan
from parties.models import Membership
from reports.models import Report, report_file_path
from reports.periods import quarter_period
from reports.services import report_build, report_create
from tests.agreements.factories import district_bodies, signed
from tests.agreements.pdf import pdf_bytes, tiny_pdf
from tests.factories import user_in
from tests.fixtures.services import answers, free_port, wait_until
from tests.fixtures.worker import ROOT, database_url
from tests.reports.factories import District, clause_with, signed_programme

Q3 = quarter_period(2017, 3)
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def files_under(folder):
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.django_db
def test_a_scan_is_a_private_object_served_only_through_the_checked_view(
    client, s3_storages, settings
):
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    (key,) = s3_storages.object_keys()
    assert key == f"private/{programme.scanned_copy.name}"
    acl = s3_storages.client().get_object_acl(Bucket=s3_storages.bucket, Key=key)
    assert all(grant["Grantee"].get("URI") != ALL_USERS for grant in acl["Grants"])
    with pytest.raises(ValueError):
        programme.scanned_copy.url  # noqa: B018
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []

    url = reverse("agreements:programme_scan_download", args=[programme.pk])
    client.force_login(user_in(district_bodies()[0], Membership.Role.LEADER))
    assert client.get(url).status_code == 404  # another district: not even named
    client.force_login(user_in(btg))
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    assert b"".join(response.streaming_content) == pdf_bytes()


@pytest.mark.django_db
def test_a_report_is_built_into_the_bucket_and_downloaded_from_it(client, s3_storages, settings):
    district = District()
    programme = signed_programme([district.party, district.state], start=date(2017, 1, 1))
    clause_with(programme, number=1, indicators=[("Hội nghị", "hội nghị", 4)])
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=Q3.start,
        period_end=Q3.end,
        issuing_body=district.party,
        enqueue=False,
    )
    report = report_build(report_id=report.pk)
    folder = f"private/{report_file_path(report, '')}".rstrip("/")
    assert s3_storages.object_keys() == [
        f"{folder}/report-{report.pk}{end}" for end in ("-appendix.pdf", ".html", ".pdf", ".xlsx")
    ]
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == []
    client.force_login(district.leader())
    response = client.get(reverse("reports:pdf", args=[report.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == s3_storages.read(
        f"{folder}/report-{report.pk}.pdf"
    )
    preview = client.get(reverse("reports:preview", args=[report.pk]))
    assert preview.content == s3_storages.read(f"{folder}/report-{report.pk}.html")


def start_gunicorn(env):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"},
    )
    wait_until(lambda: answers(port), "gunicorn")
    return process, f"http://127.0.0.1:{port}"


def fetch(url, session):
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.mark.worker
def test_a_worker_and_a_web_process_sharing_no_disk(celery_worker, s3_server, tmp_path, client):
    """The worker builds the report into the bucket; gunicorn, on another disk, serves it."""
    from django.db import connection

    disks = {role: tmp_path / role for role in ("worker", "web")}
    celery_worker.env.update(
        s3_server.environment(),
        DJANGO_MEDIA_ROOT=str(disks["worker"] / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(disks["worker"] / "private"),
    )
    worker = celery_worker()
    web_env = {
        **celery_worker.env,
        "DATABASE_URL": database_url(connection.settings_dict),
        "DJANGO_MEDIA_ROOT": str(disks["web"] / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(disks["web"] / "private"),
    }
    web, base = start_gunicorn(web_env)
    try:
        district = District()
        programme = signed_programme([district.party, district.state], start=date(2017, 1, 1))
        clause_with(programme, number=1, indicators=[("Hội nghị", "hội nghị", 4)])
        with transaction.atomic():
            report = report_create(
                kind=Report.Kind.QUARTERLY,
                programme=programme,
                period_start=Q3.start,
                period_end=Q3.end,
                issuing_body=district.party,
            )
        deadline = time.monotonic() + 90
        while Report.objects.get(pk=report.pk).status != Report.Status.DONE:
            assert time.monotonic() < deadline, "the worker did not build the report"
            time.sleep(0.25)
        report.refresh_from_db()
        key = f"private/{report.pdf.name}"
        assert key in s3_server.object_keys()

        client.force_login(district.leader())
        status, body = fetch(f"{base}/reports/{report.pk}/pdf/", client.cookies["sessionid"].value)
        assert status == 200 and body == s3_server.read(key) and body.startswith(b"%PDF-")
        client.force_login(user_in(District("Cẩm Lệ").party, Membership.Role.LEADER))
        status, _ = fetch(f"{base}/reports/{report.pk}/pdf/", client.cookies["sessionid"].value)
        assert status == 404
        for disk in disks.values():
            assert files_under(disk) == []

        # What an operator asks a worker: `celery inspect ping`.
        ping = subprocess.run(
            [sys.executable, "-m", "celery", "-A", "config", "inspect", "ping"]
            + ["-d", worker.name, "--timeout", "10"],
            cwd=ROOT,
            env=celery_worker.env,
            capture_output=True,
            text=True,
        )
        assert ping.returncode == 0 and "pong" in ping.stdout, ping.stdout + ping.stderr
    finally:
        web.terminate()
        web.wait(timeout=20)
