"""The Django admin reads Vietnamese throughout: every message of Django's admin,
its accounts pages and django-simple-history has a Vietnamese translation (ours
fill the gaps in theirs, config/django_strings.py), and the pages show none in
English."""

import re
from html import unescape
from pathlib import Path

import django
import polib
import pytest
import simple_history
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

from agreements.models import Programme
from parties.models import AdministrativeUnit
from tests.factories import BodyFactory, DistrictFactory
from tests.meetings.factories import signed_programme

DJANGO = Path(django.__file__).parent
CATALOGUES = [
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    # simple-history ships no English catalogue; its French one lists every message.
    Path(simple_history.__file__).parent / "locale/fr/LC_MESSAGES/django.po",
]
JS_CATALOGUE = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"
# Messages that read the same in Vietnamese.
SAME_IN_VIETNAMESE = {"%(class_name)s %(instance)s"}


def messages(path):
    return [e for e in polib.pofile(str(path)) if e.msgid and e.msgid not in SAME_IN_VIETNAMESE]


def in_vietnamese(catalogue, entry):
    if entry.msgctxt:
        return catalogue.pgettext(entry.msgctxt, entry.msgid)
    if entry.msgid_plural:
        return catalogue.ngettext(entry.msgid, entry.msgid_plural, 1)
    return catalogue.gettext(entry.msgid)


def test_every_message_of_the_admin_has_a_vietnamese_translation():
    with translation.override("vi"):
        untranslated = [
            entry.msgid
            for path in CATALOGUES
            for entry in messages(path)
            if in_vietnamese(translation, entry) == entry.msgid
        ]
    assert untranslated == []


def test_every_message_of_the_admins_scripts_has_a_vietnamese_translation():
    """The date picker's days, the two-list selector: what /admin/jsi18n/ serves."""
    paths = JavaScriptCatalog().get_paths(["django.contrib.admin"])
    catalogue = DjangoTranslation("vi", domain="djangojs", localedirs=paths)
    untranslated = [
        entry.msgid
        for entry in messages(JS_CATALOGUE)
        if in_vietnamese(catalogue, entry) == entry.msgid
    ]
    assert untranslated == []


def english_phrases():
    """Messages of the admin as they would show untranslated: two words or more."""
    with translation.override("vi"):
        return [
            entry.msgid
            for path in CATALOGUES
            for entry in messages(path)
            if " " in entry.msgid.strip()
            and "%" not in entry.msgid
            and "{" not in entry.msgid
            and in_vietnamese(translation, entry) != entry.msgid
        ]


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def admin_pages(admin_user):
    programme = signed_programme()  # created, then signed: two entries in its history
    body = programme.issuer
    return [
        reverse("admin:index"),
        reverse("admin:parties_body_changelist"),
        reverse("admin:parties_body_add"),
        reverse("admin:parties_body_change", args=[body.pk]),
        reverse("admin:parties_administrativeunit_changelist"),
        reverse("admin:agreements_programme_changelist"),
        reverse("admin:agreements_programme_change", args=[programme.pk]),
        reverse("admin:agreements_programme_history", args=[programme.pk]),
        reverse("admin:meetings_meeting_add"),
        reverse("admin:reports_report_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_user_change", args=[admin_user.pk]),
        reverse("admin:auth_user_password_change", args=[admin_user.pk]),
        reverse("admin:auth_group_add"),
        reverse("admin:password_change"),
    ]


@pytest.mark.django_db
def test_the_admin_pages_show_no_english(admin_client, admin_pages):
    phrases = english_phrases()
    assert len(phrases) > 100
    for url in admin_pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response.text)
        assert [p for p in phrases if p in text] == [], url
        assert "Can add" not in text and "Can change" not in text, url


@pytest.mark.django_db
def test_permissions_are_named_in_vietnamese(admin_client, admin_user):
    page = admin_client.get(reverse("admin:auth_user_change", args=[admin_user.pk])).text
    assert "Chương trình phối hợp | Được thêm nội dung phối hợp" in page
    assert "Cơ quan và đơn vị hành chính | Được xem cơ quan" in page
    assert Permission.objects.filter(name="Can add clause").exists()  # stored as Django has it


@pytest.mark.django_db
def test_the_admin_history_names_states_not_codes(admin_client):
    programme = signed_programme()
    url = reverse("admin:agreements_programme_history", args=[programme.pk])
    text = visible_text(admin_client.get(url).text)
    assert "Trạng thái: Dự thảo → Đã ký, đang hiệu lực" in text
    assert "draft" not in text and "None" not in text and "pk=" not in text
    assert Programme.objects.get(pk=programme.pk).status == "signed"


@pytest.mark.django_db
def test_the_unit_types_read_unambiguously_and_names_stay_short(admin_client):
    with translation.override("vi"):
        labels = dict(AdministrativeUnit.Category.choices)
        assert labels["thanh_pho_tw"] == "thành phố trực thuộc trung ương"
        assert labels["thanh_pho"] == "thành phố thuộc tỉnh"
        city = DistrictFactory(name="Ngã Bảy", category=AdministrativeUnit.Category.PROVINCIAL_CITY)
        assert city.full_name == "thành phố Ngã Bảy"
        assert city.parent.full_name.startswith("tỉnh ")
    page = admin_client.get(reverse("admin:parties_administrativeunit_add")).text
    assert "thành phố trực thuộc trung ương" in page and "thành phố thuộc tỉnh" in page


@pytest.mark.django_db
def test_a_bodys_full_name_is_edited_in_the_admin(admin_client):
    body = BodyFactory(name="UBND huyện Thanh Trì", code="UBND")
    url = reverse("admin:parties_body_change", args=[body.pk])
    data = {
        "name": body.name,
        "full_name": "ỦY BAN NHÂN DÂN HUYỆN THANH TRÌ",
        "kind": body.kind,
        "unit": body.unit.pk,
        "code": body.code,
        "officials-TOTAL_FORMS": "0",
        "officials-INITIAL_FORMS": "0",
        "former_names-TOTAL_FORMS": "0",
        "former_names-INITIAL_FORMS": "0",
    }
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "Hãy viết tên đầy đủ bằng chữ thường" in refused.text
    data["full_name"] = "Ủy ban nhân dân huyện Thanh Trì"
    assert admin_client.post(url, data).status_code == 302
    body.refresh_from_db()
    assert body.full_name == "Ủy ban nhân dân huyện Thanh Trì"
    changelist = admin_client.get(reverse("admin:parties_body_changelist")).text
    assert "UBND huyện Thanh Trì" in changelist and "Ủy ban nhân dân huyện Thanh Trì" in changelist
