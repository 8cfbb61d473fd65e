"""Programmes signed through the real services, and meetings scheduled through ours."""

from datetime import date, datetime, time, timedelta

from agreements.services import clause_create, programme_create, programmes_sign
from meetings.services import meeting_schedule
from parties.models import Membership
from tests.factories import VN, BodyFactory, DistrictFactory, OfficialFactory, user_in

_numbers = iter(range(1, 10_000))


def at(day, hour=8, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=VN)


def signed_programme(
    parties=None,
    period=(date(2021, 1, 1), date(2025, 12, 31)),
    signed_on=date(2020, 12, 21),
    sign=True,
):
    """A programme between two bodies of one district (or `parties`), signed on `signed_on`."""
    if parties is None:
        district = DistrictFactory()
        parties = [BodyFactory(unit=district), BodyFactory(unit=district)]
    programme = programme_create(
        number=next(_numbers),
        symbol="CTrPH/BTG-UBND",
        year=period[0].year,
        issuer=parties[0],
        title=f"Chương trình phối hợp giai đoạn {period[0].year} - {period[1].year}",
        parties=parties,
        lead=parties[0],
        period_start=period[0],
        period_end=period[1],
    )
    clause_create(programme=programme, text="Phối hợp tuyên truyền.", lead_body=parties[0])
    if sign:
        signatories = {
            programme: [
                (body, OfficialFactory(body=body, position="Trưởng ban")) for body in parties
            ]
        }
        programmes_sign(
            programmes=[programme], date=signed_on, place="Phòng họp số 1", signatories=signatories
        )
        programme.refresh_from_db()
    return programme


def secretariat_of(body):
    return user_in(body, Membership.Role.SECRETARIAT)


def schedule(programme, starts_at=None, **kwargs):
    """A meeting on `programme`, organised by its first party, with sensible defaults."""
    organiser = programme.memberships.order_by("-is_lead", "pk").first().body
    starts_at = starts_at or at(date(2024, 4, 9))
    defaults = {
        "kind": "quarterly_briefing",
        "title": "Giao ban quý I/2024",
        "programmes": [programme],
        "organiser": organiser,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "place": "Phòng họp số 1",
    }
    defaults.update(kwargs)
    return meeting_schedule(**defaults)
