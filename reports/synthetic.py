"""The load generator's plan (`generate_load`): how much of everything each scale
holds, and the order the apps' own generators run in (parties, agreements,
meetings), all writing through one `RowWriter`.

province: the issue's figures (≈ 25,000 programmes, 253,000 clauses, 1.1 million
progress reports, 10,000 meetings, 30,000 directives, 900 bodies, 15,000 users);
district: about a tenth; tiny: a few dozen of each, for the test suite.
"""

import time as clock
from dataclasses import dataclass
from datetime import datetime, time

from django.db import connection

from agreements.reach import programme_reach_rebuild
from agreements.synthetic import REFERENCE_DAY, TZ, generate_agreements
from agreements.tally import clauses_counted_again
from meetings.synthetic import generate_meetings
from parties.bulk_rows import RowWriter
from parties.synthetic import generate_parties


@dataclass(frozen=True)
class Scale:
    districts: int
    communes_per_district: int
    province_bodies: int
    users: int
    programmes: int
    clauses_per_programme: tuple  # (fewest, most); one programme in a hundred has 30
    reports_per_clause: tuple
    meetings: int
    directives_per_meeting: tuple


SCALES = {
    "province": Scale(15, 11, 40, 15000, 25000, (5, 15), (1, 8), 10000, (1, 6)),
    "district": Scale(2, 4, 16, 1500, 2500, (5, 15), (1, 8), 1000, (1, 6)),
    "tiny": Scale(2, 2, 6, 220, 40, (2, 5), (0, 3), 24, (0, 2)),
}


def generate(scale_name, *, seed=1, say=print):
    """Write a whole synthetic province; returns {model: rows written}."""
    scale = SCALES[scale_name]
    writer = RowWriter(now=datetime.combine(REFERENCE_DAY, time(12), TZ))
    started = clock.monotonic()

    def step(label):
        say(f"{label}: {clock.monotonic() - started:.1f} s")

    place = generate_parties(
        writer,
        seed=seed,
        districts=scale.districts,
        communes_per_district=scale.communes_per_district,
        province_bodies=scale.province_bodies,
        users=scale.users,
    )
    writer.flush()
    step("units, bodies, officials, accounts")
    programmes = generate_agreements(
        writer,
        place,
        seed=seed,
        programmes=scale.programmes,
        clauses_per_programme=scale.clauses_per_programme,
        reports_range=scale.reports_per_clause,
    )
    writer.flush()
    step("programmes, clauses, progress")
    generate_meetings(
        writer,
        place,
        programmes,
        seed=seed,
        meetings=scale.meetings,
        directives_range=scale.directives_per_meeting,
    )
    written = writer.finish()
    step("meetings, attendance, directives")
    programme_reach_rebuild()  # COPY bypasses the signals that keep it (agreements/reach.py)
    step("which units see each programme")
    clauses_counted_again()  # likewise (agreements/tally.py)
    step("the clauses counted for the dashboard and the clause list")
    if connection.vendor == "postgresql":
        # VACUUM too where it may run (not inside a transaction, as in a test): rows
        # loaded by COPY have no visibility map yet, so the index-only scans the pages
        # rely on would read the tables until autovacuum came by.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        step("ANALYZE")
    return written
