"""The admin goes through the same rules as the pages (issue 10.14): a signed
programme's text — title, status, parties, signatories, clauses, indicators, its
signing and amendments — is read-only there, for the superuser too; a draft is
edited as on its pages; the history is read, never reverted to."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from agreements.models import Clause, Indicator, Programme
from agreements.services import amendment_create
from parties.models import Membership
from reports.models import Report
from reports.services import report_build, report_create
from tests.agreements.factories import district_bodies, draft, sign, signed
from tests.factories import user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies():
    return district_bodies()


@pytest.fixture
def programme(bodies):
    return signed(list(bodies), title="Chương trình đã ký")


def change_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def form_data(response):
    """What the admin form of `response` would post as it stands, inlines included."""
    data = {}

    def put(form, prefix=""):
        for name in form.fields:
            key = f"{prefix}{name}"
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)

    put(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = str(value)
        for form in formset.forms:
            put(form, f"{form.prefix}-")
    return data


def test_a_signed_programme_is_shown_read_only_even_to_the_superuser(admin_client, programme):
    page = admin_client.get(change_url(programme))
    assert page.status_code == 200
    assert page.context["adminform"].form.fields == {}  # every field read-only
    inlines = page.context["inline_admin_formsets"]
    assert len(inlines) == 4  # parties, signatories, clauses, amendments
    for inline in inlines:
        assert not (
            inline.has_add_permission
            or inline.has_change_permission
            or inline.has_delete_permission
        ), inline.opts
    assert 'name="_save"' not in page.text
    assert "Chương trình đã ký" in page.text


def test_its_title_and_status_cannot_be_changed_by_a_post(admin_client, programme):
    response = admin_client.post(
        change_url(programme), {"title": "Tiêu đề sửa lén", "status": "draft"}
    )
    assert response.status_code == 403
    programme.refresh_from_db()
    assert (programme.title, programme.status) == ("Chương trình đã ký", "signed")


def test_its_clauses_and_indicators_are_read_only_and_cannot_be_deleted(admin_client, programme):
    clause = programme.clauses.get(number=1)
    indicator = clause.indicators.get()
    for obj, changes in [(clause, {"text": "Sửa lén"}), (indicator, {"target": "999"})]:
        page = admin_client.get(change_url(obj))
        assert page.status_code == 200 and 'name="_save"' not in page.text
        assert admin_client.post(change_url(obj), changes).status_code == 403
        delete = change_url(obj).replace("/change/", "/delete/")
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    clause.refresh_from_db()
    indicator.refresh_from_db()
    assert clause.text == "Nội dung phối hợp số 1" and indicator.target == Decimal(4)


def test_a_clause_or_indicator_is_not_added_to_a_signed_programme(admin_client, programme, bodies):
    add = admin_client.get(reverse("admin:agreements_clause_add"))
    data = form_data(add)
    data.update(
        programme=str(programme.pk),
        number="9",
        text="Nội dung thêm lén",
        lead_body=str(bodies[0].pk),
        cadence="quarterly",
    )
    response = admin_client.post(reverse("admin:agreements_clause_add"), data)
    assert response.status_code == 200
    assert "Chương trình đã ký nên nội dung đã được khóa" in response.text
    assert not Clause.objects.filter(text="Nội dung thêm lén").exists()
    clause = programme.clauses.get(number=1)
    response = admin_client.post(
        reverse("admin:agreements_indicator_add"),
        {"clause": clause.pk, "name": "Chỉ tiêu lén", "unit": "cái", "target": "1"},
    )
    assert (
        response.status_code == 200
        and "Chương trình đã ký nên nội dung đã được khóa" in response.text
    )
    assert not Indicator.objects.filter(name="Chỉ tiêu lén").exists()


def test_signings_and_amendments_are_recorded_on_the_pages_only(admin_client, programme, bodies):
    amendment = amendment_create(
        programme=programme, date=date(2024, 3, 1), title="Phụ lục 01", text="Bổ sung."
    )
    for name in ("signing", "amendment"):
        assert admin_client.get(reverse(f"admin:agreements_{name}_add")).status_code == 403
    for obj in (programme.signing, amendment):
        assert admin_client.post(change_url(obj), {"place": "x", "title": "x"}).status_code == 403


def test_the_history_is_read_but_never_reverted(admin_client, bodies):
    programme = draft(list(bodies), title="Tiêu đề dự thảo")
    first = programme.history.earliest()
    sign(programme)
    url = reverse(
        "admin:agreements_programme_simple_history", args=[programme.pk, first.history_id]
    )
    page = admin_client.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.text
    reverted = admin_client.post(url, {"title": "Tiêu đề dự thảo", "status": "draft"})
    assert reverted.status_code == 403
    assert Programme.objects.get(pk=programme.pk).status == "signed"


def test_a_draft_is_edited_in_the_admin_but_never_signed_there(admin_client, bodies):
    programme = draft(list(bodies), title="Dự thảo")
    page = admin_client.get(change_url(programme))
    fields = page.context["adminform"].form.fields
    assert "title" in fields and 'name="_save"' in page.text
    assert {"status", "signing", "fingerprint", "closed_on"}.isdisjoint(fields)
    data = form_data(page)
    data.update(title="Dự thảo sửa trong trang quản trị", status="signed")
    response = admin_client.post(change_url(programme), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    programme.refresh_from_db()
    assert (programme.title, programme.status) == ("Dự thảo sửa trong trang quản trị", "draft")


def test_staff_who_are_not_superusers_do_not_enter_the_admin(client, bodies):
    programme = draft(list(bodies))
    leader = user_in(bodies[0], Membership.Role.LEADER)
    leader.is_staff = True
    leader.save()
    leader.user_permissions.set(
        Permission.objects.filter(codename__in=["view_programme", "change_programme"])
    )
    client.force_login(leader)
    page = client.get(change_url(programme))
    assert page.status_code == 302 and page.url.startswith(reverse("admin:login"))


def test_a_built_report_is_frozen_in_the_admin(admin_client, programme, bodies):
    report = report_create(
        kind=Report.Kind.QUARTERLY,
        programme=programme,
        period_start=date(2024, 1, 1),
        period_end=date(2024, 3, 31),
        issuing_body=bodies[0],
        enqueue=False,
    )
    report_build(report_id=report.pk)
    assert admin_client.get(reverse("admin:reports_report_add")).status_code == 403
    assert admin_client.post(change_url(report), {"title": "Sửa lén"}).status_code == 403
    assert Report.objects.get(pk=report.pk).title != "Sửa lén"
