"""Every form refuses bad input with a Vietnamese message at the field, keeps what the
user typed, and leaves nothing half-saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from agreements.models import Programme, ProgressReport
from parties.models import Membership
from tests.agreements.factories import district_bodies, draft, signed
from tests.agreements.pdf import pdf_bytes
from tests.factories import BodyFactory, OfficialFactory, user_in

pytestmark = pytest.mark.django_db


def vietnamese(message, **values):
    with translation.override("vi"):
        text = str(translation.gettext(message))
    assert text != message, f"no Vietnamese for {message!r}"
    return text % values if values else text


def field_errors(response, field, form="form"):
    return [str(e) for e in response.context[form].errors.get(field, [])]


@pytest.fixture
def bodies():
    return district_bodies()


@pytest.fixture
def official(client, bodies):
    user = user_in(bodies[0], Membership.Role.OFFICIAL)
    client.force_login(user)
    return user


def programme_data(bodies, **changes):
    btg, ubnd = bodies
    data = {
        "number": "5",
        "symbol": "CTrPH/BTGHU-UBND",
        "year": "2024",
        "issuer": btg.pk,
        "title": "Chương trình phối hợp tuyên truyền năm 2024",
        "legal_basis": "Quyết định số 238-QĐ/TW",
        "content": "",
        "parties": [btg.pk, ubnd.pk],
        "lead": btg.pk,
        "period_start": "2024-01-01",
        "period_end": "2024-12-31",
    }
    data.update(changes)
    return data


def post_programme(client, data):
    return client.post(reverse("agreements:programme_create"), data)


def test_a_good_draft_is_created(client, bodies, official):
    response = post_programme(client, programme_data(bodies))
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("agreements:programme_detail", args=[programme.pk])
    assert programme.created_by == official


def test_the_period_cannot_end_before_it_starts(client, bodies, official):
    response = post_programme(
        client, programme_data(bodies, period_start="2024-06-01", period_end="2024-05-31")
    )
    assert response.status_code == 200
    assert field_errors(response, "period_end") == [
        vietnamese("The end of the period cannot be before its start.")
    ]
    assert "Chương trình phối hợp tuyên truyền năm 2024" in response.text  # kept
    assert 'value="2024-05-31"' in response.text
    assert not Programme.objects.exists()


def test_the_lead_party_must_be_a_party(client, bodies, official):
    stranger = BodyFactory(unit=bodies[0].unit, name="Hội Phụ nữ huyện")
    response = post_programme(client, programme_data(bodies, lead=stranger.pk))
    assert field_errors(response, "lead") == [
        vietnamese("The lead party must be one of the parties.")
    ]
    assert not Programme.objects.exists()


def test_a_clause_lead_body_must_be_a_party(client, bodies, official):
    programme = draft(list(bodies), clauses=0)
    stranger = BodyFactory(unit=bodies[0].unit)
    response = client.post(
        reverse("agreements:clause_add", args=[programme.pk]),
        {
            "text": "Tuyên truyền an toàn giao thông",
            "lead_body": stranger.pk,
            "cadence": "quarterly",
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
        },
    )
    assert field_errors(response, "lead_body") == [
        vietnamese("The lead body must be a party to the programme.")
    ]
    assert "Tuyên truyền an toàn giao thông" in response.text
    assert not programme.clauses.exists()


def test_a_due_date_outside_the_period(client, bodies, official):
    programme = draft(list(bodies), clauses=0)
    response = client.post(
        reverse("agreements:clause_add", args=[programme.pk]),
        {
            "text": "Tổ chức hội nghị chuyên đề",
            "lead_body": bodies[0].pk,
            "cadence": "once",
            "due_date": "2025-02-01",
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Hội nghị",
            "indicators-0-unit": "hội nghị",
            "indicators-0-target": "4",
        },
    )
    assert field_errors(response, "due_date") == [
        vietnamese(
            "The due date must fall within the programme's period (%(start)s – %(end)s).",
            start="01/01/2024",
            end="31/12/2024",
        )
    ]
    assert 'value="2025-02-01"' in response.text and 'value="Hội nghị"' in response.text
    assert not programme.clauses.exists()


def test_a_negative_indicator_target(client, bodies, official):
    programme = draft(list(bodies), clauses=0)
    response = client.post(
        reverse("agreements:clause_add", args=[programme.pk]),
        {
            "text": "Tổ chức hội nghị chuyên đề",
            "lead_body": bodies[0].pk,
            "cadence": "quarterly",
            "indicators-TOTAL_FORMS": "1",
            "indicators-INITIAL_FORMS": "0",
            "indicators-0-name": "Hội nghị",
            "indicators-0-unit": "hội nghị",
            "indicators-0-target": "-4",
        },
    )
    errors = response.context["indicators"].forms[0].errors["target"]
    assert errors == [vietnamese("A target cannot be negative.")]
    assert 'value="-4"' in response.text
    assert not programme.clauses.exists()


def test_a_duplicate_document_symbol(client, bodies, official):
    draft(list(bodies), number=5, symbol="CTrPH/BTGHU-UBND", year=2024)
    response = post_programme(client, programme_data(bodies, title="Bản trùng số"))
    issuer = bodies[0]
    assert field_errors(response, "symbol") == [
        vietnamese(
            "%(issuer)s already has a programme numbered %(reference)s in %(year)s.",
            issuer=issuer,
            reference=issuer.format_reference(5, "CTrPH/BTGHU-UBND"),
            year=2024,
        )
    ]
    assert "Bản trùng số" in response.text
    assert Programme.objects.count() == 1


def test_a_signatory_whose_body_is_not_a_party(client, bodies):
    programme = draft(list(bodies))
    client.force_login(user_in(bodies[0], Membership.Role.SECRETARIAT))
    outsider = OfficialFactory(body=BodyFactory(unit=bodies[0].unit), full_name="Người ngoài")
    btg, ubnd = bodies
    field = f"official_{programme.pk}_{ubnd.pk}"
    response = client.post(
        reverse("agreements:signing_create"),
        {
            "programmes": [programme.pk],
            "date": "2024-02-01",
            "place": "Phòng họp số 1",
            f"official_{programme.pk}_{btg.pk}": btg.officials.first().pk,
            field: outsider.pk,
        },
    )
    assert field_errors(response, field) == [
        vietnamese("The signing official must belong to the party they sign for.")
    ]
    assert 'value="Phòng họp số 1"' in response.text
    programme.refresh_from_db()
    assert programme.status == Programme.Status.DRAFT and not programme.signatories.exists()


def test_the_service_refuses_a_signatory_for_a_body_that_is_not_a_party(bodies):
    from django.core.exceptions import ValidationError

    from agreements.services import programmes_sign

    programme = draft(list(bodies))
    outsider = OfficialFactory(body=BodyFactory(unit=bodies[0].unit))
    with pytest.raises(ValidationError) as error:
        programmes_sign(
            programmes=[programme],
            date=programme.period_start,
            place="Hội trường",
            signatories={programme: [(outsider.body, outsider)]},
        )
    assert "body" in error.value.message_dict
    programme.refresh_from_db()
    assert programme.status == Programme.Status.DRAFT


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"Day la van ban, khong phai PDF",
            "The file is not a PDF document. Upload the scan as a PDF.",
        ),
        (
            b"%PDF-1.7\nrac rac rac",
            "The PDF file is damaged or cannot be read. Scan the document again.",
        ),
    ],
)
def test_a_non_pdf_upload(client, bodies, official, content, message):
    programme = signed(list(bodies))
    upload = SimpleUploadedFile("ban-ky.pdf", content, content_type="application/pdf")
    response = client.post(
        reverse("agreements:programme_scan_upload", args=[programme.pk]), {"scanned_copy": upload}
    )
    assert response.status_code == 400
    assert field_errors(response, "scanned_copy") == [vietnamese(message)]
    programme.refresh_from_db()
    assert not programme.scanned_copy


def test_a_scan_over_the_size_limit(client, bodies, official, settings):
    settings.SCAN_MAX_BYTES = 100
    programme = signed(list(bodies))
    upload = SimpleUploadedFile("ban-ky.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(
        reverse("agreements:programme_scan_upload", args=[programme.pk]), {"scanned_copy": upload}
    )
    assert response.status_code == 400
    assert "100" in field_errors(response, "scanned_copy")[0]
    programme.refresh_from_db()
    assert not programme.scanned_copy


def test_a_negative_indicator_value(client, bodies, official):
    programme = signed(list(bodies))
    clause = programme.clauses.get(number=1)  # led by the official's body, with an indicator
    indicator = clause.indicators.get()
    response = client.post(
        reverse("agreements:progress_add", args=[clause.pk]),
        {
            "reported_on": "2024-03-31",
            "reporting_body": bodies[0].pk,
            "status": "on_track",
            f"value_{indicator.pk}": "-2",
            "note": "Đã tổ chức hội nghị",
        },
    )
    assert field_errors(response, f"value_{indicator.pk}") == [
        vietnamese("An indicator value cannot be negative.")
    ]
    assert "Đã tổ chức hội nghị" in response.text and 'value="-2"' in response.text
    assert not ProgressReport.objects.exists()


def test_a_progress_report_in_the_future(client, bodies, official):
    programme = signed(list(bodies))
    clause = programme.clauses.get(number=1)
    response = client.post(
        reverse("agreements:progress_add", args=[clause.pk]),
        {"reported_on": "2099-01-01", "reporting_body": bodies[0].pk, "status": "on_track"},
    )
    assert field_errors(response, "reported_on") == [
        vietnamese("Progress cannot be reported for a future date.")
    ]
    assert not ProgressReport.objects.exists()


def test_closing_with_open_clauses_lists_them(client, bodies):
    programme = signed(list(bodies), clauses=3)
    client.force_login(user_in(bodies[0], Membership.Role.SECRETARIAT))
    response = client.post(
        reverse("agreements:programme_close", args=[programme.pk]),
        {"closed_on": "2024-12-31", "note": "Tổng kết"},
    )
    errors = response.context["form"].non_field_errors()
    assert "1, 2, 3" in errors[0]
    assert "Tổng kết" in response.text
    programme.refresh_from_db()
    assert programme.status == Programme.Status.SIGNED


def test_dropping_a_clause_needs_a_reason(client, bodies, official):
    programme = signed(list(bodies))
    clause = programme.clauses.get(number=1)
    response = client.post(
        reverse("agreements:clause_drop", args=[clause.pk]), {"dropped_on": "2024-06-01"}
    )
    assert field_errors(response, "reason") == [
        vietnamese("Give the reason for dropping the clause.")
    ]
    clause.refresh_from_db()
    assert not clause.is_dropped
