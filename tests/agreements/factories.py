"""Programmes built through the services, at each stage of their life."""

from datetime import date
from decimal import Decimal

from agreements.services import (
    clause_create,
    programme_create,
    programmes_sign,
    progress_report_create,
)
from parties.models import Body
from tests.factories import BodyFactory, DistrictFactory, OfficialFactory, PartyBodyFactory

PERIOD = (date(2024, 1, 1), date(2024, 12, 31))


def district_bodies(district=None):
    """A district's Ban Tuyên giáo (a Party body) and its UBND, each with an official."""
    district = district or DistrictFactory()
    btg = PartyBodyFactory(unit=district, name=f"Ban Tuyên giáo Huyện ủy {district.name}")
    ubnd = BodyFactory(
        unit=district, name=f"UBND {district.name}", kind=Body.Kind.PEOPLES_COMMITTEE
    )
    OfficialFactory(body=btg, full_name="Phùng Xuân Trường", position="Trưởng ban Tuyên giáo")
    OfficialFactory(body=ubnd, full_name="Vũ Văn Nhàn", position="Chủ tịch UBND huyện")
    return btg, ubnd


def draft(parties, *, number=1, title="Chương trình phối hợp tuyên truyền", clauses=2, **extra):
    """A draft between `parties` (the first leads and issues) with `clauses` clauses."""
    issuer = parties[0]
    programme = programme_create(
        number=number,
        symbol=extra.pop("symbol", "CTrPH/BTGHU-UBND"),
        year=extra.pop("year", 2024),
        issuer=issuer,
        title=title,
        parties=parties,
        lead=issuer,
        period_start=extra.pop("period_start", PERIOD[0]),
        period_end=extra.pop("period_end", PERIOD[1]),
        **extra,
    )
    for index in range(clauses):
        clause_create(
            programme=programme,
            text=f"Nội dung phối hợp số {index + 1}",
            lead_body=parties[index % len(parties)],
            supporting_bodies=[p for p in parties if p != parties[index % len(parties)]],
            due_date=date(programme.period_end.year, 6, 30)
            if programme.period_start.year == programme.period_end.year
            else None,
            indicators=[("Hội nghị chuyên đề", "hội nghị", Decimal(4))] if index == 0 else [],
        )
    return programme


def sign(*programmes, day=None):
    """Sign the drafts at one ceremony, each party signed by its first official."""
    day = day or programmes[0].period_start
    return programmes_sign(
        programmes=list(programmes),
        date=day,
        place="Phòng họp số 1 UBND huyện",
        signatories={
            p: [(party.body, party.body.officials.first()) for party in p.memberships.all()]
            for p in programmes
        },
    )


def signed(parties, **kwargs):
    programme = draft(parties, **kwargs)
    sign(programme)
    programme.refresh_from_db()
    return programme


def report(clause, status="on_track", day=None, values=None, by=None):
    return progress_report_create(
        clause=clause,
        reported_on=day or date(2024, 3, 31),
        reporting_body=clause.lead_body,
        status=status,
        values=values or {},
        by=by,
    )
