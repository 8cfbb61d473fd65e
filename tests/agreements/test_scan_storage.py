"""Scans are kept in the private storage under random names and served only
through the checked view (the admin included), never from MEDIA_ROOT."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse

from agreements.models import Programme
from agreements.services import programme_attach_scan
from parties.models import Membership
from tests.agreements.factories import district_bodies, signed
from tests.agreements.pdf import pdf_bytes, tiny_pdf
from tests.factories import UserFactory, user_in

pytestmark = pytest.mark.django_db
RANDOM_NAME = re.compile(r"^scans/[0-9a-f]{32}\.pdf$")


@pytest.fixture
def programme():
    return signed(list(district_bodies()))


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_scan_goes_to_the_private_folder_under_a_random_name(programme, settings):
    programme_attach_scan(programme=programme, upload=tiny_pdf(f"{programme.year}-ban-ky.pdf"))
    name = programme.scanned_copy.name
    assert RANDOM_NAME.match(name)
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [name]
    assert not settings.MEDIA_ROOT.exists() or files_under(settings.MEDIA_ROOT) == []


def test_a_new_scan_gets_a_new_name_and_the_old_file_goes(
    programme, settings, django_capture_on_commit_callbacks
):
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    first = programme.scanned_copy.name
    with django_capture_on_commit_callbacks(execute=True):
        programme_attach_scan(programme=Programme.objects.get(pk=programme.pk), upload=tiny_pdf())
    second = Programme.objects.get(pk=programme.pk).scanned_copy.name
    assert first != second and RANDOM_NAME.match(second)
    assert files_under(settings.PRIVATE_MEDIA_ROOT) == [second]


def test_a_scan_has_no_url(programme):
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    with pytest.raises(ValueError):
        programme.scanned_copy.url  # noqa: B018


def test_a_scan_whose_file_is_missing_is_a_404_not_a_500(client, programme):
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    programme.scanned_copy.storage.delete(programme.scanned_copy.name)
    client.force_login(user_in(programme.parties.first()))
    url = reverse("agreements:programme_scan_download", args=[programme.pk])
    assert client.get(url).status_code == 404


def test_a_body_that_does_not_see_the_programme_cannot_download_its_scan(client, programme):
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    outsider = district_bodies()[0]
    client.force_login(user_in(outsider, Membership.Role.LEADER))
    url = reverse("agreements:programme_scan_download", args=[programme.pk])
    assert client.get(url).status_code == 404


def test_the_admin_links_to_the_checked_view_not_to_media(client, programme):
    programme_attach_scan(programme=programme, upload=tiny_pdf())
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:agreements_programme_change", args=[programme.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    download = reverse("agreements:programme_scan_download", args=[programme.pk])
    assert f'href="{download}"' in html
    assert "/media/" not in html and programme.scanned_copy.name not in html
    assert client.get(download).status_code == 200


def test_the_migration_moves_old_scans_out_of_media_root(programme, settings):
    storages["default"].save("scans/2017/2017-7.pdf", ContentFile(pdf_bytes()))
    Programme.objects.filter(pk=programme.pk).update(scanned_copy="scans/2017/2017-7.pdf")
    migration = importlib.import_module("agreements.migrations.0006_scans_in_private_storage")
    migration.move_scans_to_private_storage(apps, None)
    moved = Programme.objects.get(pk=programme.pk).scanned_copy
    assert RANDOM_NAME.match(moved.name)
    assert files_under(settings.MEDIA_ROOT) == []
    with moved.open("rb") as handle:
        assert handle.read() == pdf_bytes()
    migration.move_scans_to_private_storage(apps, None)  # again: nothing left to move
    assert Programme.objects.get(pk=programme.pk).scanned_copy.name == moved.name
