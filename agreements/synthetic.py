"""Synthetic programmes for load tests (`generate_load`): signings, parties and
signatories, clauses with their lead and supporting bodies, indicators, and the
progress reports of 2021–2026, on the bodies `parties.synthetic` made.

The rules the pages rely on hold for every row: a programme's issuer is its lead
party; a clause's lead body is a party; a clause's supporting bodies are ones its
drafter may pick (of the issuer's unit or the unit above); due dates, drops and
progress fall within the programme's period and never after REFERENCE_DAY; a
progress report comes from the clause's lead or a supporting body.
"""

import hashlib
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from agreements.models import (
    Clause,
    ClauseStatus,
    Indicator,
    IndicatorValue,
    Programme,
    ProgrammeParty,
    ProgressReport,
    Signatory,
    Signing,
    Topic,
)
from agreements.search import programme_search_text

# The generated world stands still on this day: nothing reads the clock.
REFERENCE_DAY = date(2026, 11, 15)
FIRST_DAY = date(2021, 1, 1)
LAST_DAY = date(2026, 12, 31)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")

SUBJECTS = {
    "tuyen-truyen": "tuyên truyền, phổ biến, giáo dục pháp luật cho cán bộ và Nhân dân",
    "phat-trien-kt-xh": "thực hiện nhiệm vụ phát triển kinh tế - xã hội",
    "buc-xuc-nhan-dan": "giải quyết những vấn đề bức xúc của Nhân dân",
    "khieu-nai-to-cao": "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "an-toan-giao-thong": "bảo đảm trật tự, an toàn giao thông",
    "pccc": "phòng cháy, chữa cháy và cứu nạn, cứu hộ",
    "ve-sinh-an-toan-thuc-pham": "bảo đảm vệ sinh an toàn thực phẩm",
    "nong-thon-moi": "xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "do-thi-van-minh": "xây dựng đô thị văn minh",
    "dan-van-kheo": "thi đua “Dân vận khéo”",
    "cai-cach-hanh-chinh": "đẩy mạnh cải cách hành chính, chuyển đổi số",
    "dan-chu-co-so": "thực hiện dân chủ ở cơ sở",
    "an-ninh-trat-tu": "giữ gìn an ninh, trật tự ở cơ sở",
    "thuc-thi-phap-luat": "giám sát việc thực thi pháp luật",
    "xay-dung-dang-chinh-quyen": "tham gia xây dựng Đảng, xây dựng chính quyền",
    "thi-dua": "đẩy mạnh phong trào thi đua yêu nước",
}
ACTIONS = [
    "Phối hợp tổ chức hội nghị quán triệt về {s}",
    "Tổ chức tuyên truyền trên hệ thống truyền thanh cơ sở về {s}",
    "Xây dựng và nhân rộng mô hình điểm về {s}",
    "Kiểm tra, giám sát việc {s} tại các đơn vị",
    "Biên soạn tài liệu hỏi - đáp về {s}",
    "Tổ chức tọa đàm, đối thoại với Nhân dân về {s}",
    "Sơ kết, đánh giá kết quả {s} và đề xuất giải pháp",
    "Lồng ghép nội dung {s} vào sinh hoạt chi bộ, tổ dân phố",
    "Phát hiện, biểu dương điển hình tiên tiến trong {s}",
    "Tập huấn nghiệp vụ cho cán bộ làm công tác {s}",
]
INDICATORS = [
    ("Hội nghị tuyên truyền", "hội nghị", 12),
    ("Lượt người tham dự", "lượt người", 1500),
    ("Tin, bài trên cổng thông tin", "tin, bài", 40),
    ("Mô hình điểm", "mô hình", 3),
    ("Hộ gia đình được hỗ trợ", "hộ", 200),
    ("Lớp tập huấn", "lớp", 6),
]
NOTES = [
    "Đã triển khai theo kế hoạch.",
    "Đã tổ chức hội nghị tại các xã, thị trấn.",
    "Còn chậm do thiếu kinh phí, đề nghị bổ sung.",
    "Đang phối hợp xây dựng kế hoạch chi tiết.",
    "",
    "",
]
STATUS_WEIGHTS = [
    (ClauseStatus.ON_TRACK, 60),
    (ClauseStatus.AT_RISK, 15),
    (ClauseStatus.NOT_STARTED, 10),
    (ClauseStatus.OVERDUE, 5),
    (ClauseStatus.DONE, 10),
]
CADENCES = [
    (Clause.Cadence.ONCE, 30),
    (Clause.Cadence.QUARTERLY, 25),
    (Clause.Cadence.ONGOING, 20),
    (Clause.Cadence.YEARLY, 15),
    (Clause.Cadence.MONTHLY, 10),
]


@dataclass
class SynthProgramme:
    """What the meetings generator needs of a programme."""

    id: int
    issuer_id: int
    unit_id: int
    party_ids: list
    period_start: date
    period_end: date
    status: str
    reference: str
    title: str


def _weighted(rng, pairs):
    return rng.choices([value for value, _w in pairs], [w for _v, w in pairs])[0]


def _day_between(rng, first, last):
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _issuing_unit(rng, place):
    """A fifth of programmes at the province, half in districts (the first ones
    weighing most), the rest in communes."""
    roll = rng.random()
    if roll < 0.2 or not place.district_ids:
        return place.province_id
    weights = [1 / (index + 1) ** 0.6 for index in range(len(place.district_ids))]
    district = rng.choices(place.district_ids, weights)[0]
    communes = place.communes_of.get(district) or []
    if roll < 0.7 or not communes:
        return district
    return rng.choice(communes)


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def generate_agreements(writer, place, *, seed, programmes, clauses_per_programme, reports_range):
    """Programmes and everything under them; returns the SynthProgramme list."""
    rng = random.Random(f"{seed}-agreements")
    ids = writer.new_id
    topics = list(Topic.objects.order_by("code").values_list("pk", "code", "name"))
    through_topics = Programme.topics.through
    through_supporting = Clause.supporting_bodies.through
    numbers = {}
    made = []
    low, high = clauses_per_programme
    for _index in range(programmes):
        unit_id = _issuing_unit(rng, place)
        local = place.bodies_of_unit[unit_id]
        issuer = rng.choice(local[:6]) if rng.random() < 0.6 else rng.choice(local)
        others = [body for body in local if body.id != issuer.id]
        parties = [issuer, *rng.sample(others, min(len(others), rng.randint(1, 3)))]
        above = place.parent_unit.get(unit_id)
        if above and rng.random() < 0.2:
            parties.append(rng.choice(place.bodies_of_unit[above]))
        pickable = local + (place.bodies_of_unit[above] if above else [])

        start = _day_between(rng, FIRST_DAY, date(2026, 9, 30))
        if rng.random() < 0.5:  # most programmes run with the calendar year
            start = start.replace(month=1, day=1)
        end = min(_years_later(start, rng.choice([1, 2, 3, 5])) - timedelta(days=1), LAST_DAY)
        if start > REFERENCE_DAY - timedelta(days=30) or rng.random() < 0.04:
            status = Programme.Status.DRAFT
        elif end < REFERENCE_DAY and rng.random() < 0.6:
            status = Programme.Status.CLOSED
        else:
            status = Programme.Status.SIGNED
        year = start.year
        number = numbers[(issuer.id, year)] = numbers.get((issuer.id, year), 0) + 1
        symbol = "CTrPH/" + "-".join(body.code for body in parties[:3])
        separator = "-" if issuer.kind in ("party_committee", "party_organ") else "/"
        reference = f"{number:02d}{separator}{symbol}"
        topic_rows = rng.sample(topics, rng.randint(1, 2))
        subject = SUBJECTS.get(topic_rows[0][1], topic_rows[0][2].lower())
        title = (
            f"Chương trình phối hợp {subject} giai đoạn {start.year}–{end.year}"
            if end.year > start.year
            else f"Chương trình phối hợp {subject} năm {start.year}"
        )
        legal_basis = f"Căn cứ Quy chế phối hợp số {rng.randint(1, 99)}-QC/{issuer.code}"
        names = [n for body in parties for n in dict.fromkeys([body.name, body.full_name])]
        names += [name for _pk, _code, name in topic_rows]
        programme_id = ids(Programme)
        signing_id = None
        closed_on = None
        if status != Programme.Status.DRAFT:
            signing_id = ids(Signing)
            writer.add(
                Signing,
                id=signing_id,
                date=max(FIRST_DAY, start - timedelta(days=rng.randint(0, 20))),
                place=f"Hội trường {issuer.name}",
                created_at=datetime.combine(start, time(9), TZ),
            )
        if status == Programme.Status.CLOSED:
            closed_on = min(end + timedelta(days=rng.randint(1, 60)), REFERENCE_DAY)
        writer.add(
            Programme,
            id=programme_id,
            number=number,
            symbol=symbol,
            year=year,
            issuer_id=issuer.id,
            title=title,
            legal_basis=legal_basis,
            content=f"Mục đích: nâng cao hiệu quả phối hợp {subject}.",
            period_start=start,
            period_end=end,
            status=status,
            fingerprint=(
                hashlib.sha256(f"{seed}:{programme_id}".encode()).hexdigest() if signing_id else ""
            ),
            signing_id=signing_id,
            closed_on=closed_on,
            closing_note="Đã hoàn thành chương trình." if closed_on else "",
            search_text=programme_search_text(
                reference=reference,
                title=title,
                legal_basis=legal_basis,
                content="",
                names=names,
            ),
            created_at=datetime.combine(start - timedelta(days=30), time(8), TZ),
            updated_at=datetime.combine(start, time(8), TZ),
        )
        for topic_pk, _code, _name in topic_rows:
            writer.add(through_topics, programme_id=programme_id, topic_id=topic_pk)
        for index, body in enumerate(parties):
            writer.add(
                ProgrammeParty,
                id=ids(ProgrammeParty),
                programme_id=programme_id,
                body_id=body.id,
                is_lead=index == 0,
            )
            if signing_id and body.officials:
                official_id, position = body.officials[0]
                writer.add(
                    Signatory,
                    id=ids(Signatory),
                    programme_id=programme_id,
                    body_id=body.id,
                    official_id=official_id,
                    position=position,
                )
        count = 30 if rng.random() < 0.02 else rng.randint(low, high)
        for number_in in range(1, count + 1):
            _clause(
                writer, rng, ids, programme_id, number_in, parties, pickable, topic_rows,
                start, end, status, closed_on, reports_range, through_supporting,
            )  # fmt: skip
        writer.flush_if_full()
        made.append(
            SynthProgramme(
                id=programme_id,
                issuer_id=issuer.id,
                unit_id=unit_id,
                party_ids=[body.id for body in parties],
                period_start=start,
                period_end=end,
                status=status,
                reference=reference,
                title=title,
            )
        )
    return made


def _clause(
    writer, rng, ids, programme_id, number, parties, pickable, topic_rows,
    start, end, status, closed_on, reports_range, through_supporting,
):  # fmt: skip
    clause_id = ids(Clause)
    lead = parties[0] if rng.random() < 0.5 else rng.choice(parties)
    helpers = [body for body in pickable if body.id != lead.id]
    supporting = rng.sample(helpers, min(len(helpers), rng.choice([0, 1, 1, 2, 2, 3])))
    topic_pk, code, name = rng.choice(topic_rows)
    cadence = _weighted(rng, CADENCES)
    due = None
    if cadence == Clause.Cadence.ONCE or rng.random() < 0.3:
        due = _day_between(rng, start + timedelta(days=30), end) if end > start else end
        due = min(max(due, start), end)
    last_day = min(end, REFERENCE_DAY, closed_on or end)
    dropped_on = None
    if status != Programme.Status.DRAFT and rng.random() < 0.02 and last_day > start:
        dropped_on = _day_between(rng, start, last_day)
    for body in supporting:
        writer.add(through_supporting, clause_id=clause_id, body_id=body.id)
    indicators = []
    if rng.random() < 0.3:
        for indicator_name, unit, target in rng.sample(INDICATORS, rng.randint(1, 2)):
            indicator_id = ids(Indicator)
            writer.add(
                Indicator,
                id=indicator_id,
                clause_id=clause_id,
                name=indicator_name,
                unit=unit,
                target=Decimal(target),
            )
            indicators.append((indicator_id, target))
    reports = []
    if status != Programme.Status.DRAFT and last_day >= start:
        until = dropped_on or last_day
        reports = _progress(rng, ids, clause_id, start, until, due, lead, supporting, reports_range)
    # The clause's stored status (its latest report's, or dropped), where the model keeps one.
    latest = reports[-1][0] if reports else None
    status_now = (
        ClauseStatus.DROPPED
        if dropped_on
        else latest["status"]
        if latest
        else ClauseStatus.NOT_STARTED
    )
    writer.add(
        Clause,
        id=clause_id,
        programme_id=programme_id,
        number=number,
        text=rng.choice(ACTIONS).format(s=SUBJECTS.get(code, name.lower())) + ".",
        topic_id=topic_pk,
        lead_body_id=lead.id,
        cadence=cadence,
        due_date=due,
        dropped_on=dropped_on,
        dropped_reason="Không còn phù hợp với tình hình thực tế." if dropped_on else "",
        latest_report_id=latest["id"] if latest else None,
        reported_on=latest["reported_on"] if latest else None,
        status=status_now,
    )
    for report, with_values in reports:
        writer.add(ProgressReport, **report)
        if with_values:
            for indicator_id, target in indicators:
                value = Decimal(rng.randint(0, max(1, target // max(1, len(reports)))))
                writer.add(
                    IndicatorValue,
                    id=ids(IndicatorValue),
                    report_id=report["id"],
                    indicator_id=indicator_id,
                    value=value,
                )


def _progress(rng, ids, clause_id, start, last_day, due, lead, supporting, reports_range):
    """The clause's progress reports, oldest first: (row, whether it carries values)."""
    count = rng.randint(*reports_range)
    days = sorted(_day_between(rng, start, last_day) for _ in range(count))
    reporters = [lead, *supporting]
    finished = due is not None and due <= last_day and rng.random() < 0.7
    made = []
    for index, day in enumerate(days):
        final = index == count - 1
        if final and finished:
            state = ClauseStatus.DONE
        else:
            state = _weighted(rng, STATUS_WEIGHTS)
            if state == ClauseStatus.DONE and not final:
                state = ClauseStatus.ON_TRACK
            if state == ClauseStatus.OVERDUE and not (due and due < day):
                state = ClauseStatus.AT_RISK
        body = lead if rng.random() < 0.75 else rng.choice(reporters)
        row = {
            "id": ids(ProgressReport),
            "clause_id": clause_id,
            "reported_on": day,
            "reporting_body_id": body.id,
            "status": state,
            "note": rng.choice(NOTES),
            "created_by_id": rng.choice(body.users) if body.users else None,
            "created_at": datetime.combine(day, time(9, 30), TZ),
        }
        made.append((row, rng.random() < 0.5))
    return made
