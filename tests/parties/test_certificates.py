"""Signing certificates uploaded in the admin and kept encrypted; the /verify/ page."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from parties.certificate_authority import issue_pkcs12, make_authority
from parties.certificates import certificate_open
from parties.models import SigningCertificate
from tests.agreements.factories import district_bodies
from tests.agreements.pdf import pdf_bytes
from tests.factories import UserFactory, user_in

pytestmark = pytest.mark.django_db
NOW = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def pkcs12_file():
    authority = make_authority("CA thử", now=NOW)
    return issue_pkcs12(authority, "Ban Tuyên giáo", "Huyện ủy", passphrase="đúng", now=NOW)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def upload(client, body, data, passphrase):
    return client.post(
        reverse("admin:parties_signingcertificate_add"),
        {
            "body": body.pk,
            "pkcs12": SimpleUploadedFile("ky-so.p12", data),
            "passphrase": passphrase,
            "note": "",
        },
    )


def test_an_administrator_uploads_a_certificate_kept_encrypted(admin_client, pkcs12_file):
    body, _other = district_bodies()
    response = upload(admin_client, body, pkcs12_file, "đúng")
    assert response.status_code == 302, response.content.decode()[:2000]
    record = SigningCertificate.objects.get(body=body)
    assert "Ban Tuyên giáo" in record.subject
    assert pkcs12_file not in bytes(record.encrypted_pkcs12)
    assert certificate_open(record) == (pkcs12_file, "đúng".encode())


def test_a_wrong_passphrase_is_said_at_the_field(admin_client, pkcs12_file):
    body, _other = district_bodies()
    response = upload(admin_client, body, pkcs12_file, "sai")
    assert response.status_code == 200
    assert "PKCS#12" in response.content.decode()
    assert not SigningCertificate.objects.exists()


def test_the_verify_page_refuses_a_non_pdf_in_vietnamese(client):
    body, _other = district_bodies()
    client.force_login(user_in(body))
    response = client.post(
        reverse("agreements:verify"),
        {"copy": SimpleUploadedFile("a.txt", b"hello")},
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert response.status_code == 400
    assert "không phải PDF" in response.content.decode()


def test_the_verify_page_refuses_an_oversized_upload(client, monkeypatch):
    from agreements.forms import verify

    monkeypatch.setattr(verify, "VERIFY_MAX_BYTES", 100)
    body, _other = district_bodies()
    client.force_login(user_in(body))
    response = client.post(
        reverse("agreements:verify"), {"copy": SimpleUploadedFile("a.pdf", pdf_bytes())}
    )
    assert response.status_code == 400
    assert "MB" in response.content.decode()


def test_the_verify_page_says_a_foreign_pdf_is_not_the_apps(client):
    body, _other = district_bodies()
    client.force_login(user_in(body))
    response = client.post(
        reverse("agreements:verify"), {"copy": SimpleUploadedFile("a.pdf", pdf_bytes())}
    )
    assert response.status_code == 200
    assert "không phải văn bản do hệ thống phát hành" in response.content.decode()
