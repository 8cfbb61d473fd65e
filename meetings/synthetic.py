"""Synthetic meetings for load tests (`generate_load`): briefings and reviews of the
programmes `agreements.synthetic` made, their invitees and attendance, the
directives given at them with their follow-up, and the planned quarterly briefings.

Rules that hold for every row: a meeting falls in the window its kind allows for
its programme (`Meeting.window_for`); it is held (with minutes) only before the
reference day, scheduled after it; invitees are officials of the programme's
parties and of the organiser; a directive is given at a held meeting, to a party
of its programme, with a deadline not before the meeting and a completion date
between the meeting and the reference day.
"""

import random
import uuid
from datetime import datetime, time, timedelta

from agreements.models import Programme
from agreements.synthetic import REFERENCE_DAY, TZ
from meetings.models import Attendance, Directive, DirectiveUpdate, Meeting, PlannedBriefing
from meetings.quarters import Quarter

KINDS = [
    (Meeting.Kind.QUARTERLY_BRIEFING, 55),
    (Meeting.Kind.OTHER, 20),
    (Meeting.Kind.INTERIM_REVIEW, 15),
    (Meeting.Kind.FINAL_REVIEW, 10),
]
TITLES = {
    Meeting.Kind.QUARTERLY_BRIEFING: "Giao ban {q} thực hiện Chương trình phối hợp số {ref}",
    Meeting.Kind.OTHER: "Họp bàn triển khai Chương trình phối hợp số {ref}",
    Meeting.Kind.INTERIM_REVIEW: "Sơ kết giữa kỳ Chương trình phối hợp số {ref}",
    Meeting.Kind.FINAL_REVIEW: "Tổng kết Chương trình phối hợp số {ref}",
}
DIRECTIVES = [
    "Khẩn trương hoàn thiện kế hoạch chi tiết, báo cáo kết quả trước thời hạn.",
    "Tăng cường kiểm tra, đôn đốc các xã, thị trấn thực hiện nội dung phối hợp.",
    "Bổ sung kinh phí cho hoạt động tuyên truyền năm sau.",
    "Rà soát, tổng hợp các kiến nghị của Nhân dân, trả lời dứt điểm.",
    "Nhân rộng mô hình điểm đã thực hiện có hiệu quả.",
    "Chuẩn bị nội dung sơ kết, đánh giá những hạn chế và nguyên nhân.",
]


def _weighted(rng, pairs):
    return rng.choices([value for value, _w in pairs], [w for _v, w in pairs])[0]


def generate_meetings(writer, place, programmes, *, seed, meetings, directives_range):
    rng = random.Random(f"{seed}-meetings")
    ids = writer.new_id
    through = Meeting.programmes.through
    running = [p for p in programmes if p.status != Programme.Status.DRAFT]
    by_issuer = {}
    for programme in running:
        by_issuer.setdefault(programme.issuer_id, []).append(programme)
    planned = set()
    horizon = REFERENCE_DAY + timedelta(days=45)
    for _index in range(meetings if running else 0):
        programme = rng.choice(running)
        concerned = [programme]
        siblings = [p for p in by_issuer[programme.issuer_id] if p.id != programme.id]
        if siblings and rng.random() < 0.15:
            concerned.append(rng.choice(siblings))
        kind = _weighted(rng, KINDS)
        first, last = Meeting.window_for(kind, programme)
        first = max(first, *(Meeting.window_for(kind, p)[0] for p in concerned))
        if kind in Meeting.LOOK_BACK_KINDS:
            first = max(first, programme.period_start + timedelta(days=80))
        last = min(last, horizon, *(Meeting.window_for(kind, p)[1] for p in concerned))
        if last < first:
            kind = Meeting.Kind.OTHER
            first, last = programme.period_start, min(programme.period_end, horizon)
            if len(concerned) > 1:
                concerned = [programme]
        day = first + timedelta(days=rng.randint(0, max(0, (last - first).days)))
        starts = datetime.combine(day, time(rng.choice([8, 14])), TZ)
        quarter = Quarter.of(day).previous()
        planned_key = (programme.id, quarter.first_day)
        if kind == Meeting.Kind.QUARTERLY_BRIEFING and (
            planned_key in planned or quarter.first_day < programme.period_start.replace(day=1)
        ):
            kind = Meeting.Kind.OTHER
        organiser = place.body[programme.issuer_id]
        past = day < REFERENCE_DAY
        status, reason, sequence = Meeting.Status.SCHEDULED, "", 0
        if past:
            roll = rng.random()
            if roll < 0.92:
                status = Meeting.Status.HELD
            elif roll < 0.96:
                status, reason, sequence = (
                    Meeting.Status.CANCELLED,
                    "Hoãn do trùng lịch công tác của lãnh đạo.",
                    1,
                )
        elif rng.random() < 0.1:
            reason, sequence = "Lùi lịch để chuẩn bị thêm tài liệu.", 1
        held = status == Meeting.Status.HELD
        chair_id, chair_position = organiser.officials[0] if organiser.officials else (None, "")
        meeting_id = ids(Meeting)
        ref = programme.reference
        writer.add(
            Meeting,
            id=meeting_id,
            uid=uuid.UUID(int=rng.getrandbits(128), version=4),
            kind=kind,
            title=TITLES[kind].format(q=f"quý {quarter.label}", ref=ref)[:300],
            organiser_id=organiser.id,
            starts_at=starts,
            ends_at=starts + timedelta(hours=rng.choice([2, 3])),
            place=f"Phòng họp {organiser.name}",
            chair_id=chair_id,
            chair_position=chair_position,
            agenda="1. Đánh giá kết quả thực hiện.\n2. Thống nhất nhiệm vụ thời gian tới.",
            minutes="Hội nghị đã nghe báo cáo và thảo luận." if held else "",
            conclusions="Thống nhất các nội dung phối hợp thời gian tới." if held else "",
            results="Các bên đã triển khai đầy đủ nội dung đã ký." if held else "",
            limitations="Một số nội dung còn chậm so với kế hoạch." if held else "",
            next_tasks="Tiếp tục tuyên truyền, kiểm tra việc thực hiện." if held else "",
            status=status,
            status_reason=reason,
            sequence=sequence,
            created_at=starts - timedelta(days=14),
            updated_at=starts - timedelta(days=7),
        )
        for concerned_programme in concerned:
            writer.add(through, meeting_id=meeting_id, programme_id=concerned_programme.id)
        if kind == Meeting.Kind.QUARTERLY_BRIEFING:
            planned.add(planned_key)
            writer.add(
                PlannedBriefing,
                id=ids(PlannedBriefing),
                programme_id=programme.id,
                quarter=quarter.first_day,
                meeting_id=meeting_id,
            )
        _attendance(writer, rng, ids, place, meeting_id, organiser, concerned, held)
        if held:
            _directives(
                writer, rng, ids, place, meeting_id, concerned, day, chair_id, directives_range
            )
        writer.flush_if_full()


def _attendance(writer, rng, ids, place, meeting_id, organiser, concerned, held):
    invited = {}
    for programme in concerned:
        for body_id in programme.party_ids:
            officials = place.body[body_id].officials
            if officials:
                invited.setdefault(officials[0][0], officials[0][1])
    for official_id, position in rng.sample(organiser.officials, min(3, len(organiser.officials))):
        invited.setdefault(official_id, position)
    for official_id, position in invited.items():
        present, deputy, deputy_position = None, "", ""
        if held:
            roll = rng.random()
            present = roll < 0.85
            if not present and roll < 0.93:
                deputy, deputy_position = "Người được ủy quyền", "Phó Trưởng phòng"
        writer.add(
            Attendance,
            id=ids(Attendance),
            meeting_id=meeting_id,
            official_id=official_id,
            position=position,
            invited=True,
            present=present,
            deputy=deputy,
            deputy_position=deputy_position,
        )


def _directives(writer, rng, ids, place, meeting_id, concerned, day, chair_id, directives_range):
    for _index in range(rng.randint(*directives_range)):
        programme = rng.choice(concerned)
        addressed = place.body[rng.choice(programme.party_ids)]
        deadline = day + timedelta(days=rng.randint(15, 180)) if rng.random() < 0.8 else None
        roll = rng.random()
        status, completed = Directive.Status.OPEN, None
        room = (REFERENCE_DAY - day).days
        if roll < 0.5 and room > 1:
            status = Directive.Status.DONE
            completed = day + timedelta(days=rng.randint(1, min(room, 200)))
        elif roll < 0.75:
            status = Directive.Status.IN_PROGRESS
        directive_id = ids(Directive)
        writer.add(
            Directive,
            id=directive_id,
            meeting_id=meeting_id,
            programme_id=programme.id,
            text=rng.choice(DIRECTIVES),
            given_by_id=chair_id,
            addressed_body_id=addressed.id,
            deadline=deadline,
            status=status,
            follow_up_note="Đã triển khai." if status != Directive.Status.OPEN else "",
            completed_on=completed,
        )
        if status != Directive.Status.OPEN:
            recorded = completed or day + timedelta(days=min(max(room, 0), 10))
            writer.add(
                DirectiveUpdate,
                id=ids(DirectiveUpdate),
                directive_id=directive_id,
                status=status,
                note="Đã triển khai.",
                recorded_on=recorded,
                created_by_id=rng.choice(addressed.users) if addressed.users else None,
                created_at=datetime.combine(recorded, time(10), TZ),
            )
