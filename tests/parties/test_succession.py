"""Units and bodies over time: names kept as they were, positions held over dates, a
reorganisation that ends bodies and names successors, and what the successors then see
and do: their predecessors' programmes, meetings and reports; the programmes handed
over to them (or closed by the act)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Programme
from agreements.rules import can_report_progress, is_party, reporting_bodies, visible_programmes
from agreements.selectors.history import programme_history
from agreements.services import (
    programme_close_by_reorganisation,
    programme_hand_over,
    programmes_sign,
    programmes_to_settle,
)
from meetings.rules import visible_meetings
from parties.documents import body_named_on
from parties.models import AdministrativeUnit, Body, Succession
from parties.rules import units_overseen, visible_bodies
from parties.services import (
    body_rename,
    official_create,
    position_add,
    reorganisation_record,
    unit_rename,
)
from reports.selectors.clauses import programmes_in_period
from tests.agreements.factories import district_bodies, draft, signed
from tests.factories import BodyFactory, CommuneFactory, MeetingFactory, ReportFactory, user_in

pytestmark = pytest.mark.django_db
JULY = date(2025, 7, 1)
K = Succession.Kind


def test_a_body_keeps_its_names_for_their_dates():
    body = BodyFactory(name="BTG Tỉnh ủy", full_name="Ban Tuyên giáo Tỉnh ủy Hậu Giang")
    body_rename(
        body=body,
        name="BTGDV Tỉnh ủy",
        full_name="Ban Tuyên giáo và Dân vận Tỉnh ủy Hậu Giang",
        effective_on=JULY,
    )
    body.refresh_from_db()
    assert body.full_name_on(date(2025, 6, 30)) == "Ban Tuyên giáo Tỉnh ủy Hậu Giang"
    assert body.name_on(date(2024, 1, 1)) == "BTG Tỉnh ủy"
    assert body.full_name_on(JULY) == "Ban Tuyên giáo và Dân vận Tỉnh ủy Hậu Giang"


def test_a_unit_keeps_its_names_for_their_dates():
    unit = CommuneFactory(name="Văn Điển", category=AdministrativeUnit.Category.TOWNSHIP)
    unit_rename(unit=unit, name="Đại Thanh", category="xa", effective_on=JULY)
    unit.refresh_from_db()
    assert unit.full_name_on(date(2025, 6, 30)) == "thị trấn Văn Điển"
    assert unit.full_name_on(JULY) == "xã Đại Thanh"


def test_an_official_holds_positions_over_dates():
    btg, _ubnd = district_bodies()
    official = official_create(
        body=btg,
        full_name="Nguyễn Văn A",
        title="Phó Trưởng ban",
        held_from=date(2020, 1, 1),
        held_to=date(2023, 6, 30),
    )
    position_add(official=official, body=btg, title="Trưởng ban", held_from=date(2023, 7, 1))
    assert official.position_on(date(2021, 5, 5)) == "Phó Trưởng ban"
    assert official.position_on(date(2024, 5, 5)) == "Trưởng ban"
    assert official.position_on(date(2019, 5, 5)) == ""
    official.refresh_from_db()
    assert official.position == "Trưởng ban"


def test_a_commune_may_sit_under_its_province():
    province = CommuneFactory().parent.parent
    commune = AdministrativeUnit(
        name="Đại Thanh", category="xa", level=3, parent=province, began_on=JULY
    )
    commune.full_clean()
    district = AdministrativeUnit(name="X", category="huyen", level=2, parent=commune)
    with pytest.raises(ValidationError):
        district.full_clean()


def reorganised():
    """A district's two bodies merged into one commune body from 1 July 2025, with a
    signed programme between them and a meeting of it."""
    btg, ubnd = district_bodies()
    programme = signed([btg, ubnd], number=5)
    meeting = MeetingFactory(organiser=btg)
    meeting.programmes.add(programme)
    commune = CommuneFactory(parent=btg.unit.parent, name="Đại Thanh", category="xa")
    successor = BodyFactory(unit=commune, name="Đảng ủy xã Đại Thanh", code="ĐU")
    act = reorganisation_record(
        legal_basis="Nghị quyết số 1656/NQ-UBTVQH15",
        decided_on=date(2025, 6, 16),
        effective_on=JULY,
        successions=[
            (K.MERGED, btg, successor),
            (K.MERGED, ubnd, successor),
            (K.SPLIT, btg.unit, commune),
        ],
    )
    return act, btg, ubnd, successor, programme, meeting


def test_a_reorganisation_ends_the_predecessors_and_dates_the_successors():
    act, btg, ubnd, successor, *_ = reorganised()
    for record in (btg, ubnd, btg.unit):
        record.refresh_from_db()
        assert record.ended_on == date(2025, 6, 30)
    successor.refresh_from_db()
    assert successor.began_on == JULY
    assert act.successions.count() == 3


def test_a_reorganisation_names_someone_and_no_body_succeeds_itself():
    btg, _ubnd = district_bodies()
    with pytest.raises(ValidationError):
        reorganisation_record(legal_basis="NQ", decided_on=JULY, effective_on=JULY, successions=[])
    with pytest.raises(ValidationError):
        reorganisation_record(
            legal_basis="NQ", decided_on=JULY, effective_on=JULY, successions=[(K.MERGED, btg, btg)]
        )
    with pytest.raises(ValidationError):
        reorganisation_record(
            legal_basis="NQ",
            decided_on=JULY,
            effective_on=JULY,
            successions=[(K.MERGED, btg, btg.unit)],
        )


def test_a_successor_sees_its_predecessors_programmes_meetings_and_reports_scope():
    _act, btg, _ubnd, successor, programme, meeting = reorganised()
    user = user_in(successor, "leader")
    assert programme in visible_programmes(user)
    assert meeting in visible_meetings(user)
    assert btg in visible_bodies(user)
    assert btg.unit in units_overseen(user)
    # … and a body that succeeded nothing does not.
    other = user_in(BodyFactory(unit=successor.unit, code="UBND"), "leader")
    assert programme not in visible_programmes(other)


def test_a_report_for_the_successor_covers_its_predecessors_work():
    _act, _btg, _ubnd, successor, programme, _meeting = reorganised()
    start, end = date(2024, 1, 1), date(2024, 12, 31)
    assert programme in programmes_in_period(body=successor, start=start, end=end)
    assert programme in programmes_in_period(unit=successor.unit, start=start, end=end)


def test_a_programme_handed_over_is_the_successors_to_work_on():
    act, btg, _ubnd, successor, programme, _meeting = reorganised()
    official = user_in(successor, "official")
    clause = programme.clauses.get(number=1)  # led by btg
    assert list(programmes_to_settle(act)) == [programme]
    assert not can_report_progress(official, clause)
    programme_hand_over(programme=programme, reorganisation=act, from_body=btg, to_body=successor)
    official = type(official).objects.get(pk=official.pk)  # a new request: rules read afresh
    programme = Programme.objects.get(pk=programme.pk)
    assert is_party(official, programme)
    clause = programme.clauses.get(number=1)
    assert can_report_progress(official, clause)
    assert reporting_bodies(official, clause) == [successor]
    assert list(programmes_to_settle(act)) == []
    whats = [entry.what for entry in programme_history(programme=programme)]
    assert any(btg.name in what for what in whats)


def test_only_a_named_successor_takes_a_programme_over():
    act, btg, _ubnd, _successor, programme, _meeting = reorganised()
    stranger = BodyFactory()
    with pytest.raises(ValidationError):
        programme_hand_over(
            programme=programme, reorganisation=act, from_body=btg, to_body=stranger
        )


def test_a_programme_closed_by_the_reorganisation():
    act, *_rest, programme, _meeting = reorganised()
    programme = programme_close_by_reorganisation(programme=programme, reorganisation=act)
    assert programme.status == Programme.Status.CLOSED
    assert programme.closed_on == date(2025, 6, 30)
    assert "1656" in programme.closing_note
    assert list(programmes_to_settle(act)) == []


def test_a_signing_prints_the_position_held_on_its_day():
    btg, ubnd = district_bodies()
    signer = btg.officials.get()
    position_add(
        official=signer,
        body=btg,
        title="Phó Trưởng ban",
        held_from=date(2015, 1, 1),
        held_to=date(2019, 12, 31),
    )
    position_add(official=signer, body=btg, title="Trưởng ban", held_from=date(2020, 1, 1))
    programme = draft([btg, ubnd])
    programmes_sign(
        programmes=[programme],
        date=date(2017, 3, 30),
        place="Phòng họp số 1",
        signatories={programme: [(btg, signer), (ubnd, ubnd.officials.get())]},
    )
    assert programme.signatories.get(body=btg).position == "Phó Trưởng ban"


def test_the_pages_follow_the_succession(client):
    """The successor opens its predecessors' programme, meeting and report; a body of the
    same new commune that succeeded nothing finds none of them (404, nothing named)."""
    _act, btg, _ubnd, successor, programme, meeting = reorganised()
    report = ReportFactory(body=btg, issuing_body=btg)
    pages = [
        reverse("agreements:programme_detail", args=[programme.pk]),
        reverse("meetings:meeting_detail", args=[meeting.pk]),
        reverse("reports:detail", args=[report.pk]),
    ]
    client.force_login(user_in(successor, "leader"))
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
    client.force_login(user_in(BodyFactory(unit=successor.unit, code="MTTQ"), "leader"))
    assert [client.get(url).status_code for url in pages] == [404, 404, 404]


def test_a_document_names_a_body_its_governing_body_and_unit_as_on_its_day():
    """What documents print through (parties/documents.py): a copy named as on a day,
    which cannot be saved over the present names."""
    commune = CommuneFactory(name="Văn Điển", category=AdministrativeUnit.Category.TOWNSHIP)
    committee = BodyFactory(unit=commune, name="Đảng ủy thị trấn", full_name="Đảng ủy thị trấn")
    organ = BodyFactory(unit=commune, name="Ban X", full_name="Ban X Đảng ủy", parent=committee)
    body_rename(body=committee, name="Đảng ủy xã", full_name="Đảng ủy xã", effective_on=JULY)
    body_rename(body=organ, name="Ban Y", full_name="Ban Y Đảng ủy", effective_on=JULY)
    unit_rename(unit=commune, name="Đại Thanh", category="xa", effective_on=JULY)
    organ = Body.objects.get(pk=organ.pk)
    before = body_named_on(organ, date(2025, 6, 30))
    assert (before.name, before.full_name) == ("Ban X", "Ban X Đảng ủy")
    assert before.parent.name == "Đảng ủy thị trấn"
    assert before.unit.full_name == "thị trấn Văn Điển"
    after = body_named_on(organ, JULY)
    assert (after.name, after.parent.name, after.unit.full_name) == (
        "Ban Y",
        "Đảng ủy xã",
        "xã Đại Thanh",
    )
    with pytest.raises(TypeError):
        before.save()
    with pytest.raises(TypeError):
        before.unit.save()
    organ.refresh_from_db()
    assert organ.name == "Ban Y"


def test_a_rename_is_recorded_in_the_order_of_its_dates():
    body = BodyFactory(name="Ban A", full_name="Ban A")
    body_rename(body=body, name="Ban B", full_name="Ban B", effective_on=JULY)
    with pytest.raises(ValidationError):
        body_rename(body=body, name="Ban C", full_name="Ban C", effective_on=date(2025, 1, 1))
    body.refresh_from_db()
    assert body.name == "Ban B"
    assert body.name_on(date(2025, 6, 30)) == "Ban A"
