"""A programme recorded from a source that gives neither its number nor the day (or place)
it was signed: nothing is invented; it is cited by its title, as a text cites an act
whose number it does not know, and its page says plainly what the source does not give."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Programme
from agreements.selectors.programmes import programme_search
from agreements.services import (
    amendment_create,
    programme_fingerprint,
    programmes_sign,
    progress_report_create,
)
from meetings.ical import meeting_description
from parties.models import Membership
from tests.agreements.factories import district_bodies, draft, sign
from tests.agreements.test_documents import built, pdf_text
from tests.factories import user_in

pytestmark = pytest.mark.django_db

TITLE = "Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản lý Nhà nước cùng cấp"


@pytest.fixture
def bodies():
    return district_bodies()


def recorded(bodies, **extra):
    """Signed at a ceremony whose day and place the source does not give."""
    programme = draft(list(bodies), number=None, symbol="", title=TITLE, **extra)
    programmes_sign(
        programmes=[programme],
        date=None,
        place="",
        signatories={programme: [(b, b.officials.first()) for b in bodies]},
    )
    programme.refresh_from_db()
    return programme


def test_it_is_cited_by_its_title_and_counts_from_its_period(bodies):
    programme = recorded(bodies)
    assert programme.status == Programme.Status.SIGNED
    assert (programme.reference, programme.signed_on) == ("", None)
    assert programme.citation == str(programme) == TITLE
    assert programme.in_force_from == programme.period_start
    assert programme.fingerprint == programme_fingerprint(programme)
    assert "None" not in str(programme.signing)
    # Its work counts from the start of its period: nothing before.
    clause = programme.clauses.first()
    progress_report_create(
        clause=clause,
        reported_on=programme.period_start,
        reporting_body=clause.lead_body,
        status="on_track",
        values={},
    )
    with pytest.raises(ValidationError):
        amendment_create(programme=programme, date=date(2023, 12, 31), title="Sửa đổi", text="…")


def test_a_number_goes_with_its_symbol(bodies):
    with pytest.raises(ValidationError) as error:
        draft(list(bodies), number=3, symbol="")
    assert "symbol" in error.value.message_dict
    with pytest.raises(ValidationError):
        draft(list(bodies), number=None, symbol="CTrPH/BTGHU-UBND")


def test_two_programmes_without_number_take_no_place_in_the_register(bodies):
    first = draft(list(bodies), number=None, symbol="", title=TITLE)
    second = draft(list(bodies), number=None, symbol="", title=TITLE + " (bổ sung)")
    numbered = draft(list(bodies), number=1)
    assert first.pk != second.pk
    # Sorted by number, the ones without come after the numbered ones of their year.
    user = user_in(bodies[0])
    for sort in ("newest", "oldest", "reference"):
        rows = list(programme_search(user=user, sort=sort))
        assert rows[0] == numbered, sort


def test_its_page_and_lists_say_what_the_source_does_not_give(client, bodies):
    programme = recorded(bodies)
    client.force_login(user_in(bodies[0]))
    page = client.get(
        reverse("agreements:programme_detail", args=[programme.pk]), HTTP_ACCEPT_LANGUAGE="vi"
    ).content.decode()
    assert "Nguồn ghi nhận chương trình này không cho biết số văn bản." in page
    assert "Nguồn ghi nhận chương trình này không cho biết ngày, nơi ký." in page
    assert "None" not in page
    listing = client.get(reverse("agreements:programme_list")).content.decode()
    assert TITLE in listing
    # The number's column says there is none; the title is in its own column, once.
    assert "không số" in listing
    assert listing.count(TITLE[:40]) == 1


def test_its_document_prints_no_number_and_no_date(bodies):
    programme = recorded(bodies)
    document, data = built(programme)
    pages = pdf_text(data)
    first, whole = pages[0], " ".join(pages)
    assert "QUY CHẾ" in first
    assert "Số " not in first and "ngày … tháng" not in first and ", ngày" not in first
    assert "Người ký:" in whole and "Ký ngày" not in whole
    assert document.record.reference == "" and document.record.issued_on is None


def test_the_verify_page_says_the_number_and_date_are_not_known(client, bodies):
    programme = recorded(bodies)
    _document, data = built(programme)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user_in(bodies[0]))
    page = client.post(
        reverse("agreements:verify"),
        {"copy": SimpleUploadedFile("ban.pdf", data)},
        HTTP_ACCEPT_LANGUAGE="vi",
    ).content.decode()
    assert page.count("Không rõ: nguồn ghi nhận hồ sơ này không cho biết.") == 2


def test_a_meeting_about_it_cites_it_by_its_title_in_the_calendar(bodies):
    from tests.factories import MeetingFactory

    programme = recorded(bodies)
    meeting = MeetingFactory(organiser=bodies[0])
    meeting.programmes.add(programme)
    lines = meeting_description(meeting).splitlines()
    assert TITLE in lines and not any(line.startswith(" – ") for line in lines)


# --- the signing page: a signing recorded there is a new act ----------------------------


def test_the_signing_page_asks_for_the_date_and_for_a_numbered_draft(client, bodies):
    numbered = draft(list(bodies))
    unnumbered = draft(list(bodies), number=None, symbol="", title=TITLE)
    client.force_login(user_in(bodies[0], Membership.Role.SECRETARIAT))
    btg, ubnd = bodies
    data = {"programmes": [numbered.pk, unnumbered.pk], "date": "", "place": "Phòng họp"}
    for programme in (numbered, unnumbered):
        for body in bodies:
            data[f"official_{programme.pk}_{body.pk}"] = body.officials.first().pk
    response = client.post(reverse("agreements:signing_create"), data, HTTP_ACCEPT_LANGUAGE="vi")
    errors = response.context["form"].errors
    assert errors["date"]  # a signing recorded here always has its day
    data["date"] = "2024-02-01"
    response = client.post(reverse("agreements:signing_create"), data, HTTP_ACCEPT_LANGUAGE="vi")
    [message] = response.context["form"].errors["programmes"]
    assert message.startswith("Dự thảo “Quy chế phối hợp") and "chưa có số" in message
    for programme in (numbered, unnumbered):
        programme.refresh_from_db()
        assert programme.status == Programme.Status.DRAFT
    # The numbered draft alone is signed.
    data["programmes"] = [numbered.pk]
    response = client.post(reverse("agreements:signing_create"), data)
    numbered.refresh_from_db()
    assert numbered.status == Programme.Status.SIGNED
    assert numbered.signed_on == date(2024, 2, 1)


def test_a_numbered_programme_signed_on_a_known_day_is_unchanged(bodies):
    programme = draft(list(bodies))
    sign(programme, day=date(2024, 1, 15))
    programme.refresh_from_db()
    assert programme.reference == "01-CTrPH/BTGHU-UBND"
    assert str(programme) == f"01-CTrPH/BTGHU-UBND – {programme.title}"
    assert programme.in_force_from == programme.signed_on == date(2024, 1, 15)
    assert programme.file_stem == "01-CTrPH_BTGHU-UBND"


def test_a_source_that_names_no_signatory_records_none_only_without_the_day(bodies):
    unknown = draft(list(bodies), number=None, symbol="", title=TITLE)
    programmes_sign(programmes=[unknown], date=None, place="", signatories={})
    unknown.refresh_from_db()
    assert unknown.status == Programme.Status.SIGNED and not unknown.signatories.exists()
    _document, data = built(unknown)
    whole = " ".join(pdf_text(data))
    # Each party's block (a Ban signs with its head's title, the UBND for its collective),
    # with no name under it and no "signed by" line.
    assert "Người ký" not in whole
    assert "TRƯỞNG BAN" in whole and "TM. ỦY BAN NHÂN DÂN" in whole
    # A signing with its day is one the app records as it happens: every party signs.
    known = draft(list(bodies), number=2)
    with pytest.raises(ValidationError):
        programmes_sign(
            programmes=[known], date=date(2024, 2, 1), place="Hội trường", signatories={}
        )
    known.refresh_from_db()
    assert known.status == Programme.Status.DRAFT
