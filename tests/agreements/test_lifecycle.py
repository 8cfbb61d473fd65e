"""draft → signed (fingerprint stored, edits refused) → amendment → closed (refused while open)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from agreements.models import Clause, ClauseStatus, Programme
from agreements.services import (
    amendment_create,
    clause_create,
    clause_delete,
    clause_drop,
    clause_move,
    clause_update,
    programme_close,
    programme_fingerprint,
    programme_update,
    programmes_sign,
)
from tests.agreements.factories import district_bodies, draft, report, sign, signed
from tests.factories import BodyFactory, OfficialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def update_arguments(programme, **changes):
    arguments = {
        "number": programme.number,
        "symbol": programme.symbol,
        "year": programme.year,
        "issuer": programme.issuer,
        "title": programme.title,
        "parties": list(programme.parties.all()),
        "lead": programme.issuer,
        "period_start": programme.period_start,
        "period_end": programme.period_end,
    }
    arguments.update(changes)
    return arguments


def test_a_draft_can_be_edited_reordered_and_trimmed():
    btg, ubnd = district_bodies()
    programme = draft([btg, ubnd], clauses=3)
    programme_update(programme=programme, **update_arguments(programme, title="Tên mới"))
    programme.refresh_from_db()
    assert programme.title == "Tên mới"
    first, second, third = programme.clauses.order_by("number")
    clause_move(clause=third, offset=-1)
    assert list(programme.clauses.order_by("number").values_list("pk", flat=True)) == [
        first.pk,
        third.pk,
        second.pk,
    ]
    clause_delete(clause=first)
    assert list(programme.clauses.order_by("number").values_list("number", "pk")) == [
        (1, third.pk),
        (2, second.pk),
    ]
    clause_update(clause=second, text="Nội dung đã sửa", lead_body=ubnd, indicators=[])
    second.refresh_from_db()
    assert second.text == "Nội dung đã sửa"


def test_signing_freezes_the_text_and_stores_its_fingerprint():
    btg, ubnd = district_bodies()
    programme = draft([btg, ubnd])
    expected = programme_fingerprint(programme)
    sign(programme)
    programme.refresh_from_db()
    assert programme.status == Programme.Status.SIGNED
    assert programme.fingerprint == expected and len(expected) == 64
    assert {s.position for s in programme.signatories.all()} == {
        "Trưởng ban Tuyên giáo",
        "Chủ tịch UBND huyện",
    }
    clause = programme.clauses.first()
    refusals = [
        lambda: programme_update(programme=programme, **update_arguments(programme, title="X")),
        lambda: clause_create(programme=programme, text="Thêm", lead_body=btg),
        lambda: clause_update(clause=clause, text="Sửa", lead_body=btg),
        lambda: clause_delete(clause=clause),
        lambda: clause_move(clause=clause, offset=1),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationError) as error:
            refuse()
        assert "đã được ký" in error.value.messages[0]  # the reason, in Vietnamese
    programme.refresh_from_db()
    assert programme.title != "X" and programme_fingerprint(programme) == expected


def test_one_ceremony_signs_several_drafts():
    btg, ubnd = district_bodies()
    court = BodyFactory(unit=btg.unit, name="Tòa án nhân dân huyện")
    OfficialFactory(body=court, position="Chánh án")
    first = draft([btg, ubnd], number=1)
    second = draft([btg, court], number=2)
    signing = sign(first, second)
    assert set(signing.programmes.values_list("pk", flat=True)) == {first.pk, second.pk}
    assert all(p.fingerprint for p in signing.programmes.all())


def test_every_party_needs_a_signatory_and_nothing_is_half_signed():
    btg, ubnd = district_bodies()
    programme = draft([btg, ubnd])
    with pytest.raises(ValidationError):
        programmes_sign(
            programmes=[programme],
            date=date(2024, 2, 1),
            place="Hội trường",
            signatories={programme: [(btg, btg.officials.first())]},
        )
    programme.refresh_from_db()
    assert programme.status == Programme.Status.DRAFT and not programme.signatories.exists()


def test_the_position_held_on_the_day_is_kept_when_the_record_changes_later():
    btg, ubnd = district_bodies()
    programme = draft([btg, ubnd])
    official = btg.officials.first()
    programmes_sign(
        programmes=[programme],
        date=date(2024, 2, 1),
        place="Hội trường",
        signatories={
            programme: [(btg, official, "Phó Trưởng ban phụ trách"), (ubnd, ubnd.officials.first())]
        },
    )
    official.position = "Bí thư Huyện ủy"
    official.save()
    assert programme.signatories.get(body=btg).position == "Phó Trưởng ban phụ trách"


def test_an_amendment_keeps_the_original_wording():
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd])
    original = programme.clauses.get(number=1)
    amendment = amendment_create(
        programme=programme,
        date=date(2024, 5, 2),
        title="Phụ lục 01",
        text="Sửa đổi nội dung 1, bổ sung nội dung 3.",
        clause_changes=[
            {"replaces": original, "text": "Nội dung 1 sửa đổi", "lead_body": btg},
            {"text": "Nội dung bổ sung", "lead_body": ubnd},
        ],
    )
    original.refresh_from_db()
    assert original.text == "Nội dung phối hợp số 1"
    reworded = amendment.clauses.get(replaces=original)
    assert reworded.number == 1 and reworded.indicators.count() == 1
    assert amendment.clauses.get(replaces__isnull=True).number == 3
    programme.refresh_from_db()
    assert programme.fingerprint == programme_fingerprint(programme)  # the signed text is intact


def test_closing_is_refused_while_clauses_are_open_and_names_them():
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd], clauses=3)
    one, two, three = programme.clauses.order_by("number")
    report(one, ClauseStatus.DONE)
    with pytest.raises(ValidationError) as error:
        programme_close(programme=programme, closed_on=date(2024, 12, 31))
    assert "2, 3" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        clause_drop(clause=two, dropped_on=date(2024, 7, 1), reason="   ")
    assert "reason" in error.value.message_dict
    clause_drop(clause=two, dropped_on=date(2024, 7, 1), reason="Không còn phù hợp.")
    report(three, ClauseStatus.DONE, day=date(2024, 9, 30))
    programme_close(programme=programme, closed_on=date(2024, 12, 31), note="Tổng kết năm")
    programme.refresh_from_db()
    assert programme.status == Programme.Status.CLOSED


def test_a_reworded_clause_is_closed_through_its_new_wording():
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd], clauses=1)
    original = programme.clauses.get()
    amendment_create(
        programme=programme,
        date=date(2024, 5, 2),
        title="Phụ lục 01",
        text="Sửa đổi.",
        clause_changes=[{"replaces": original, "text": "Mới", "lead_body": btg}],
    )
    new = Clause.objects.get(replaces=original)
    with pytest.raises(ValidationError):
        programme_close(programme=programme, closed_on=date(2024, 12, 31))
    report(new, ClauseStatus.DONE, day=date(2024, 6, 1))
    programme_close(programme=programme, closed_on=date(2024, 12, 31))


def test_a_draft_cannot_be_amended_or_closed():
    btg, ubnd = district_bodies()
    programme = draft([btg, ubnd])
    with pytest.raises(ValidationError):
        amendment_create(programme=programme, date=date(2024, 2, 1), title="x", text="y")
    with pytest.raises(ValidationError):
        programme_close(programme=programme, closed_on=date(2024, 2, 1))
