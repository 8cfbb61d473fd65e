"""The programmes a report covers read light (reports/selectors/clauses.py): as
ProgrammeRows that say what Programme says of itself, chosen from the reach tables
as the nested joins over parties and supporting bodies chose them; at scale their
sections made only when read (summary.UnlistedSections), the table by programme
ranked on counts before any is labelled (rendering.programme_rows); AmongMany
giving the rows AnyOf gives."""

import re
from datetime import date

import pytest
from django.db.models import F, Q

from agreements.models import Clause, Programme, ProgrammeParty, Signing
from meetings.models import Meeting
from parties.models import AdministrativeUnit, Body, unit_subtree
from parties.rules import predecessors_of, unit_lineage
from reports import rendering
from reports.selectors.clauses import (
    ProgrammeRow,
    programmes_covered,
    programmes_in_period,
    section_of,
)
from reports.selectors.lookups import AmongMany, AnyOf
from reports.selectors.records import ProgrammeCounts, StatusCount
from reports.selectors.summary import UnlistedSections
from tests.factories import BodyFactory, CommuneFactory, MeetingFactory, merged_into_commune
from tests.reports.factories import District, clause_with, signed_programme

pytestmark = pytest.mark.django_db

START, END = date(2025, 1, 1), date(2025, 12, 31)


def nested_joins(*, body=None, unit=None):
    """programmes_in_period's scope as it was written before the reach tables: parties
    and supporting bodies joined to their bodies and units."""
    programmes = programmes_in_period(start=START, end=END)
    if body is not None:
        lineage = [body.pk, *predecessors_of(body)]
        parties = ProgrammeParty.objects.filter(body__in=lineage)
        supporters = Clause.supporting_bodies.through.objects.filter(body__in=lineage)
    else:
        lineage = unit_lineage(unit)
        parties = ProgrammeParty.objects.filter(unit_subtree("body__unit", lineage, "in"))
        supporters = Clause.supporting_bodies.through.objects.filter(
            unit_subtree("body__unit", lineage, "in")
        )
    return programmes.filter(
        Q(pk__in=parties.values("programme_id"))
        | Q(pk__in=supporters.values("clause__programme_id"))
    )


@pytest.fixture
def province():
    """A district with a commune below it; programmes of the district's bodies, of the
    commune's, of another district's, one reached only by a supporting body, one of a
    body merged into a new commune, one unsigned and one over before the period."""
    district = District()
    other = District(name="Gia Lâm")
    commune = CommuneFactory(parent=district.unit, name="Tả Thanh Oai")
    commune_body = BodyFactory(unit=commune, name="UBND xã Tả Thanh Oai", code="UBND")
    own = signed_programme([district.party, district.state], start=START, title="Của huyện")
    below = signed_programme([commune_body, other.state], start=START, title="Của xã")
    elsewhere = signed_programme([other.party, other.state], start=START, title="Huyện khác")
    supported = signed_programme([other.party, other.state], start=START, title="Hỗ trợ")
    clause_with(supported, lead=other.state).supporting_bodies.add(commune_body)
    _act, successor = merged_into_commune(district.party)
    signed_programme([district.party], start=START, number=None, symbol="", title="Cũ " * 40)
    signed_programme([district.state], start=date(2023, 1, 1), title="Đã hết")
    draft = signed_programme([district.state], start=START, title="Dự thảo")
    Programme.objects.filter(pk=draft.pk).update(status=Programme.Status.DRAFT)
    return {
        "district": district,
        "other": other,
        "commune_body": commune_body,
        "successor": successor,
        "programmes": (own, below, elsewhere, supported),
    }


def ids(programmes):
    return sorted(p.pk for p in programmes)


def test_a_scope_covers_what_the_nested_joins_covered(province):
    district, other = province["district"], province["other"]
    bodies = [
        district.party,
        district.state,
        other.state,
        province["commune_body"],
        province["successor"],
    ]
    units = [district.unit, other.unit, province["commune_body"].unit, district.unit.parent]
    units.append(province["successor"].unit)
    for body in bodies:
        found = programmes_in_period(body=body, start=START, end=END)
        assert ids(found) == ids(nested_joins(body=body)), body
    for unit in units:
        found = programmes_in_period(unit=unit, start=START, end=END)
        assert ids(found) == ids(nested_joins(unit=unit)), unit
    own, below, elsewhere, supported = province["programmes"]
    covered = ids(programmes_in_period(unit=district.unit, start=START, end=END))
    assert own.pk in covered and below.pk in covered and supported.pk in covered
    assert elsewhere.pk not in covered


def test_a_row_says_what_its_programme_says(province):
    district = province["district"]
    Programme.objects.filter(title="Hỗ trợ").update(
        signing=Signing.objects.create(date=None, place="")
    )
    rows = programmes_covered(unit=district.unit.parent, start=START, end=END)
    assert rows and all(isinstance(row, ProgrammeRow) for row in rows)
    programmes = Programme.objects.in_bulk([row.pk for row in rows])
    for row in rows:
        programme = programmes[row.pk]
        assert row.reference == programme.reference
        assert row.short_citation == programme.short_citation
        assert row.title == programme.title
        assert (row.period_start, row.period_end) == (programme.period_start, programme.period_end)
        assert row.signed_on == programme.signed_on
        assert row.in_force_from == programme.in_force_from
        assert row.get_status_display() == programme.get_status_display()
        assert section_of(row, ([], "")) == section_of(programme, ([], ""))
    # A party body's number and a state body's, and one without a number.
    separators = {re.match(r"\d+(\D)", r.reference).group(1) for r in rows if r.reference}
    assert separators == {"-", "/"}
    assert any(not r.reference and len(r.short_citation) < len(r.title) for r in rows)


def test_the_reference_of_a_kind_is_the_bodys_own():
    for kind in Body.Kind:
        body = Body(kind=kind)
        for number in (5, 686):
            assert Body.reference_of_kind(kind, number, "BC-X") == body.format_reference(
                number, "BC-X"
            )


def test_among_many_gives_the_rows_any_of_gives(province):
    programmes = [p.pk for p in province["programmes"]]
    meetings = [MeetingFactory(title=f"Họp {n}") for n in range(3)]
    meetings[0].programmes.add(*programmes[:2])
    meetings[1].programmes.add(programmes[3])
    links = Meeting.programmes.through.objects.order_by("pk")
    for chosen in ([], programmes[:1], programmes, [*programmes, 10**9]):
        expected = list(links.filter(AnyOf(F("programme_id"), chosen)).values_list("pk"))
        among = list(links.filter(AmongMany(F("programme_id"), chosen)).values_list("pk"))
        assert among == expected == list(links.filter(programme_id__in=chosen).values_list("pk"))


def test_unlisted_sections_are_made_as_read(province):
    rows = programmes_covered(unit=province["district"].unit.parent, start=START, end=END)
    labels = {value: str(label) for value, label in Programme.Status.choices}
    sections = UnlistedSections(rows, labels)
    whole = [section_of(row, ([], ""), labels) for row in rows]
    assert len(sections) == len(rows) and bool(sections)
    assert list(sections) == whole
    assert sections[1] == whole[1] and sections[-1] == whole[-1]
    assert sections[1:3] == whole[1:3]
    assert not UnlistedSections([], labels)


def test_the_table_by_programme_ranks_then_labels(monkeypatch, province):
    """programme_rows gives what labelling every row, concern_first and cut gave."""
    rows = programmes_covered(unit=province["district"].unit.parent, start=START, end=END)
    labels = {value: str(label) for value, label in Programme.Status.choices}
    sections = UnlistedSections(rows, labels)
    statuses = ["overdue", "at_risk", "done", "on_track", "overdue"]
    counts = [
        StatusCount(label="", counts={statuses[i % 5]: i % 3 + 1, "done": i})
        for i in range(len(rows))
    ]
    pairs = ProgrammeCounts(sections, counts)
    for limit in (0, 2, len(rows), len(rows) + 1):
        labelled = [
            StatusCount(label=rendering.programme_label(s), counts=c.counts) for s, c in pairs
        ]
        if len(labelled) > limit:
            labelled = rendering.concern_first(labelled)
        expected = rendering.cut(labelled, limit)
        assert rendering.programme_rows(pairs, limit) == expected


def test_a_unit_below_reaches_its_programmes_through_the_table(province):
    """The commune's own body, two levels below the province: reached by the unit it
    belongs to (ProgrammeInvolvement) and by each unit above it (ProgrammeReach)."""
    _own, below, _elsewhere, _supported = province["programmes"]
    commune = province["commune_body"].unit
    for unit in (commune, commune.parent, commune.parent.parent):
        assert below.pk in ids(programmes_in_period(unit=unit, start=START, end=END))
    assert AdministrativeUnit.objects.filter(pk=commune.parent.parent.pk, parent=None).exists()
