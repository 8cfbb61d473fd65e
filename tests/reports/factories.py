"""Builders for report tests: a district with a Party body and a State body, and
signed programmes with clauses, indicators and progress."""

from datetime import date
from decimal import Decimal

from agreements.models import Programme, Signing
from parties.models import AdministrativeUnit, Body, Membership
from tests.factories import (
    BodyFactory,
    ClauseFactory,
    IndicatorFactory,
    OfficialFactory,
    ProgrammeFactory,
    ProgressReportFactory,
    ProvinceFactory,
    user_in,
)


class District:
    """huyện Thanh Trì of a test province: Huyện ủy › Ban Tuyên giáo, and UBND huyện."""

    def __init__(self, name="Thanh Trì"):
        province = ProvinceFactory(name=f"Thành phố của {name}")
        self.unit = AdministrativeUnit.objects.create(
            name=name,
            category=AdministrativeUnit.Category.RURAL_DISTRICT,
            level=AdministrativeUnit.Level.DISTRICT,
            parent=province,
        )
        self.committee = BodyFactory(
            unit=self.unit, kind=Body.Kind.PARTY_COMMITTEE, code="HU", name=f"Huyện ủy {name}"
        )
        self.party = BodyFactory(
            unit=self.unit,
            kind=Body.Kind.PARTY_ORGAN,
            code="BTGHU",
            name=f"Ban Tuyên giáo Huyện ủy {name}",
            parent=self.committee,
        )
        self.state = BodyFactory(
            unit=self.unit,
            kind=Body.Kind.PEOPLES_COMMITTEE,
            code="UBND",
            name=f"UBND huyện {name}",
        )
        # Each body's head, who signs its reports by default (reports/signature.py).
        self.party_head = OfficialFactory(
            body=self.party, full_name="Nguyễn Văn Bình", position="Trưởng ban Tuyên giáo Huyện ủy"
        )
        self.state_head = OfficialFactory(
            body=self.state, full_name="Trần Văn Chính", position="Chủ tịch UBND huyện"
        )

    def leader(self, body=None, **kwargs):
        return user_in(body or self.party, Membership.Role.LEADER, **kwargs)

    def leader_with_official(self, position="UVTV, Trưởng ban Tuyên giáo Huyện ủy"):
        official = OfficialFactory(
            body=self.party, full_name="Phùng Xuân Trường", position=position
        )
        return user_in(self.party, Membership.Role.LEADER, official=official)


def signed_programme(
    parties, *, title="Chương trình phối hợp năm 2017", start=date(2017, 1, 1), signed=None, **kw
):
    """A programme in force between `parties` (the first leads), signed on `signed`."""
    end = kw.pop("end", date(start.year, 12, 31))
    signing = Signing.objects.create(date=signed or start, place="Phòng họp số 1")
    return ProgrammeFactory(
        issuer=parties[0],
        parties=parties,
        title=title,
        year=start.year,
        period_start=start,
        period_end=end,
        status=Programme.Status.SIGNED,
        signing=signing,
        fingerprint="0" * 64,
        **kw,
    )


def clause_with(programme, *, lead=None, number=None, indicators=(), progress=(), **kw):
    """A clause with indicators [(name, unit, target)] and progress
    [(day, status, [values in indicator order], note)]."""
    clause = ClauseFactory(
        programme=programme,
        lead_body=lead or programme.issuer,
        number=number or programme.clauses.count() + 1,
        **kw,
    )
    rows = [
        IndicatorFactory(clause=clause, name=name, unit=unit, target=Decimal(target))
        for name, unit, target in indicators
    ]
    for day, status, values, note in progress:
        report = ProgressReportFactory(clause=clause, reported_on=day, status=status, note=note)
        for indicator, value in zip(rows, values, strict=True):
            report.values.create(indicator=indicator, value=Decimal(value))
    return clause
