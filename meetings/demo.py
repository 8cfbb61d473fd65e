"""The meetings of the five seed articles: signings, briefings, reviews and directives.

The conclusions and directives quoted are those the articles print; the
quarterly briefings and their dates are plausible additions for the demo. Each
meeting and directive says which in its own `note`, which is never printed.
"""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import transaction

from agreements.models import Programme
from agreements.services import programme_close
from meetings.models import Attendance, Directive, Meeting, PlannedBriefing
from meetings.quarters import Quarter

VN = ZoneInfo("Asia/Ho_Chi_Minh")
K = Meeting.Kind
D = Directive.Status


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=VN)


def meeting(
    key,
    kind,
    title,
    programmes,
    organiser,
    starts,
    place,
    chair=None,
    attendees=(),
    agenda="",
    minutes="",
    conclusions="",
    results="",
    limitations="",
    next_tasks="",
    directives=(),
    signing_of=None,
    hours=2,
    reviews=None,
    note="",
):
    return locals()


# What no article says is kept in the record's own note, never printed.
INVENTED_MEETING = (
    "Hội nghị minh họa của dữ liệu mẫu: bài viết không nói về hội nghị này; ngày, giờ, nơi họp, "
    "người chủ trì, người dự, kết luận và chỉ đạo đều là minh họa."
)
INVENTED_DIRECTIVE = "Chỉ đạo minh họa của dữ liệu mẫu, kèm hạn và kết quả theo dõi."
QUOTED_DIRECTIVE = (
    "Nội dung chỉ đạo theo bài viết; hạn, trạng thái và kết quả theo dõi là minh họa của dữ "
    "liệu mẫu."
)

# directive: (text, addressed body, given by, deadline, status, completed on, follow-up
# note[, the directive's own note: QUOTED_DIRECTIVE unless given])
MEETINGS = [
    meeting(
        "thanhtri-signing",
        K.SIGNING,
        "Hội nghị ký kết chương trình phối hợp năm 2017",
        ["thanhtri-2017"],
        "btghu-thanhtri",
        at(date(2017, 3, 30), 14),
        "Phòng họp số 1 UBND huyện Thanh Trì",
        chair="nhan",
        attendees=["nhan", "truong", "thanh", "thuy"],
        agenda="Đánh giá kết quả chương trình phối hợp năm 2016; ký kết chương trình phối hợp "
        "năm 2017.",
        minutes="Tham dự có Thường trực HĐND - UBND - Ủy ban MTTQ Việt Nam huyện, lãnh đạo Ban "
        "Tuyên giáo và các phòng, ban, ngành của huyện. Các đồng chí lãnh đạo huyện chứng kiến "
        "hội nghị ký kết.",
        conclusions="Năm 2016, chương trình phối hợp đã phát huy vai trò hiệu quả trong thực hiện "
        "nhiệm vụ chính trị của huyện. Năm 2017 tiếp tục phối hợp trên các lĩnh vực trọng tâm: "
        "“Năm kỷ cương hành chính 2017”, Quy tắc ứng xử, nâng cao tiêu chí nông thôn mới gắn với "
        "trật tự văn minh đô thị, vệ sinh môi trường, quản lý đất đai, trật tự xây dựng.",
        signing_of="thanhtri-2017",
        note="Theo bài viết: chiều 30/3/2017, phòng họp số 1 UBND huyện, những người tham dự, nội "
        "dung. Minh họa: giờ họp, người chủ trì (bài viết không nêu); đồng chí Hoàng Thị Thu Thủy "
        "là tác giả bài viết.",
    ),
    meeting(
        "thanhtri-q2",
        K.QUARTERLY_BRIEFING,
        "Giao ban quý II/2017 chương trình phối hợp",
        ["thanhtri-2017"],
        "btghu-thanhtri",
        at(date(2017, 7, 11), 8),
        "Phòng họp số 1 UBND huyện Thanh Trì",
        chair="truong",
        attendees=["truong", "thuy", "nhan"],
        conclusions="Các nội dung phối hợp triển khai đúng tiến độ.",
        reviews="2017-2",
        note=INVENTED_MEETING,
    ),
    meeting(
        "thanhtri-q3",
        K.QUARTERLY_BRIEFING,
        "Giao ban quý III/2017 chương trình phối hợp",
        ["thanhtri-2017"],
        "btghu-thanhtri",
        at(date(2017, 10, 10), 8),
        "Phòng họp số 1 UBND huyện Thanh Trì",
        chair="truong",
        attendees=["truong", "thuy", "nhan"],
        conclusions="Tiêu chí môi trường nông thôn mới ở một số xã còn chậm.",
        reviews="2017-3",
        note=INVENTED_MEETING,
        directives=[
            (
                "Đẩy nhanh tuyên truyền tiêu chí môi trường nông thôn mới tại các xã còn chậm.",
                "ubnd-thanhtri",
                "truong",
                date(2017, 11, 30),
                D.IN_PROGRESS,
                None,
                "Đã làm việc với 3 xã; còn 2 xã chưa đạt.",
                INVENTED_DIRECTIVE,
            ),
        ],
    ),
    meeting(
        "thanhtri-review",
        K.FINAL_REVIEW,
        "Hội nghị tổng kết chương trình phối hợp năm 2017",
        ["thanhtri-2017"],
        "btghu-thanhtri",
        at(date(2018, 1, 9), 14),
        "Phòng họp số 1 UBND huyện Thanh Trì",
        chair="nhan",
        attendees=["nhan", "truong", "thanh", "thuy"],
        conclusions="Chương trình phối hợp năm 2017 hoàn thành 5/6 nội dung.",
        results="Hoàn thành quán triệt “Năm kỷ cương hành chính 2017”; tuyên truyền Quy tắc ứng "
        "xử; định hướng dư luận xã hội hằng tháng.",
        limitations="Tuyên truyền tiêu chí môi trường nông thôn mới ở 2 xã chưa đạt yêu cầu.",
        next_tasks="Ký kết chương trình phối hợp năm 2018, tập trung tiêu chí môi trường nông "
        "thôn mới và trật tự xây dựng.",
        note=INVENTED_MEETING,
        directives=[
            (
                "Xây dựng dự thảo chương trình phối hợp năm 2018, tập trung tiêu chí môi trường "
                "nông thôn mới.",
                "btghu-thanhtri",
                "nhan",
                date(2018, 3, 15),
                D.DONE,
                date(2018, 3, 12),
                "Đã trình dự thảo.",
                INVENTED_DIRECTIVE,
            ),
        ],
    ),
    meeting(
        "hanoi-review",
        K.FINAL_REVIEW,
        "Tổng kết 10 năm thực hiện Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản "
        "lý Nhà nước cùng cấp",
        ["hanoi-quyche"],
        "btgtu-hanoi",
        at(date(2019, 6, 20), 8),
        "Thành ủy Hà Nội",
        # The article names nobody: no chair, attendee or giver of the directive is
        # recorded (a "Lãnh đạo …" record is not a person a report can name).
        results="Phối hợp tổ chức hơn 1.000 hội nghị chuyên đề, tập huấn; biên soạn nhiều ấn phẩm "
        "được đánh giá cao; các địa phương có hàng ngàn bài viết tuyên truyền.",
        limitations="Cần tiếp tục tham mưu, đề xuất giải pháp xử lý những vấn đề phát sinh ở cơ "
        "sở.",
        next_tasks="Chủ động phối hợp biên soạn, phát hành ấn phẩm; tập trung tuyên truyền kiềm "
        "chế lạm phát, ổn định kinh tế, bảo đảm an sinh xã hội; tăng cường tập huấn nghiệp vụ; "
        "thường xuyên sơ kết, tổng kết, phát huy mô hình hiệu quả.",
        conclusions="Ban hành Báo cáo số 686-BC/BTGTU ngày 25/6/2019.",
        note="Bài viết chỉ nói Ban Tuyên giáo Thành ủy ban hành Báo cáo số 686-BC/BTGTU ngày "
        "25/6/2019; kết quả, hạn chế và phương hướng theo bài viết. Minh họa: có một hội nghị tổng "
        "kết, ngày giờ, nơi họp. Người chủ trì, người dự, người chỉ đạo: bài viết không nêu, để "
        "trống.",
        directives=[
            (
                "Chỉ đạo hệ thống Tuyên giáo thường xuyên phối hợp với UBND, MTTQ và tổ chức chính "
                "trị - xã hội các cấp sơ kết, tổng kết, phát huy những mô hình hiệu quả.",
                "btgtu-hanoi",
                None,
                None,
                D.IN_PROGRESS,
                None,
                "",
            ),
        ],
    ),
    meeting(
        "thitran-signing",
        K.SIGNING,
        "Lễ ký kết chương trình phối hợp thực hiện nhiệm vụ chính trị giai đoạn 2018 - 2021",
        ["thitran-2018"],
        "ubnd-tt",
        at(date(2018, 10, 2), 14),
        "Hội trường UBND thị trấn",
        note="Theo bài viết: chiều 2/10/2018, các đồng chí Nguyễn Đăng Kỷ, Phạm Quốc Đạt và một "
        "số ban ngành đoàn thể huyện đến dự và chỉ đạo (khách mời, không chủ trì); ý kiến chỉ "
        "đạo. Minh họa: giờ họp, nơi họp; người chủ trì bài viết không nêu.",
        attendees=["ky", "dat", "ubnd-tt-x-rep", "kdv-tt-x-rep"],
        minutes="Đến dự và chỉ đạo có các đồng chí Nguyễn Đăng Kỷ, Phó Bí thư Thường trực Huyện "
        "ủy; Phạm Quốc Đạt, UVBTV, Trưởng ban Dân vận Huyện ủy và một số ban, ngành, đoàn thể "
        "huyện. Các bộ phận chuyên môn và khối đoàn thể ký kết thực hiện nhiệm vụ chính trị.",
        conclusions="Ghi nhận sự chuẩn bị các nội dung ký kết.",
        limitations="Nội dung, thời gian phối hợp cần cụ thể chi tiết đầu việc giữa các bên để "
        "đưa lại hiệu quả cao.",
        directives=[
            (
                "Xây dựng lại kế hoạch, nội dung, công việc phối hợp.",
                "ubnd-tt",
                "ky",
                date(2018, 11, 30),
                D.DONE,
                date(2018, 11, 20),
                "Đã ban hành Phụ lục 01 cụ thể hóa đầu việc phối hợp.",
            ),
            (
                "Làm tốt vai trò đầu mối trong điều hành, giám sát, kiểm tra, chỉ đạo phối hợp.",
                "mttq-tt",
                "ky",
                None,
                D.IN_PROGRESS,
                None,
                "",
            ),
            (
                "Báo cáo kịp thời với cấp ủy Đảng, chính quyền thị trấn để có sự lãnh đạo, chỉ "
                "đạo, tháo gỡ khó khăn.",
                "mttq-tt",
                "ky",
                date(2018, 12, 31),
                D.OPEN,
                None,
                "",
            ),
        ],
        signing_of="thitran-2018",
    ),
    meeting(
        "ngabay-signing",
        K.SIGNING,
        "Ký kết Chương trình phối hợp giai đoạn 2021 - 2025",
        ["ngabay-hdnd", "ngabay-ubnd", "ngabay-tand", "ngabay-vksnd"],
        "btgtu-ngabay",
        at(date(2021, 12, 31), 8),
        "Thành ủy Ngã Bảy",
        chair="xuyen",
        note="Theo bài viết: sáng 31/12/2021, Ban Tuyên giáo Thành ủy tổ chức; đồng chí Dương Văn "
        "Sơn đến dự và chỉ đạo (khách mời, không chủ trì); đồng chí Nguyễn Thị Kim Xuyên trình "
        "bày nội dung; ký trước sự chứng kiến của Thường trực Thành ủy. Minh họa: giờ họp, nơi "
        "họp, người chủ trì (suy ra từ cơ quan tổ chức), tên người đại diện các ngành.",
        attendees=[
            "son-ngabay",
            "xuyen",
            "hdnd-nb-rep",
            "ubnd-nb-rep",
            "tand-nb-rep",
            "vksnd-nb-rep",
        ],
        minutes="Đồng chí Dương Văn Sơn, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố "
        "đến dự và chỉ đạo. Đại biểu dự ký kết có các đồng chí đại diện lãnh đạo các ngành có liên "
        "quan. Các Chương trình phối hợp được ký kết trước sự chứng kiến của Thường trực Thành ủy.",
        agenda="Trình bày tóm tắt nội dung phối hợp cụ thể theo nhiệm vụ giữa Ban Tuyên giáo "
        "Thành ủy đối với từng ngành, từng cơ quan; thảo luận, bổ sung; ký kết.",
        conclusions="Đánh giá cao kết quả phối hợp thời gian qua, góp phần giữ vững ổn định tâm "
        "trạng của Nhân dân và tình hình dư luận xã hội.",
        directives=[
            (
                "Bám sát nội dung Chương trình phối hợp, phát huy vai trò chủ động, thường xuyên "
                "trao đổi thông tin, định kỳ hàng quý tổ chức họp giao ban.",
                "btgtu-ngabay",
                "son-ngabay",
                date(2022, 3, 31),
                D.DONE,
                date(2022, 4, 12),
                "Đã tổ chức giao ban quý I/2022.",
            ),
            (
                "Kịp thời phản ánh, tham mưu đề xuất với Thường trực, Ban Thường vụ Thành ủy về "
                "những khó khăn, vướng mắc trong quá trình phối hợp.",
                "btgtu-ngabay",
                "son-ngabay",
                None,
                D.IN_PROGRESS,
                None,
                "",
            ),
        ],
        signing_of="ngabay-hdnd",
        hours=3,
    ),
    *[
        meeting(
            f"ngabay-briefing-{label}",
            K.QUARTERLY_BRIEFING,
            f"Giao ban quý {label} chương trình phối hợp",
            ["ngabay-hdnd", "ngabay-ubnd", "ngabay-tand", "ngabay-vksnd"],
            "btgtu-ngabay",
            at(day, 8),
            "Phòng họp Ban Tuyên giáo Thành ủy Ngã Bảy",
            chair="xuyen",
            attendees=["xuyen", "hdnd-nb-rep", "ubnd-nb-rep", "tand-nb-rep", "vksnd-nb-rep"],
            conclusions=conclusion,
            directives=directives,
            reviews="2022-" + str(["I", "II", "III", "IV"].index(label.split("/")[0]) + 1),
            note="Bài viết nói Thành ủy yêu cầu “định kỳ hàng quý tổ chức họp giao ban”; cuộc giao "
            "ban này và mọi chi tiết của nó là minh họa của dữ liệu mẫu.",
        )
        for label, day, conclusion, directives in [
            ("I/2022", date(2022, 4, 12), "Các ngành trao đổi thông tin đầy đủ.", []),
            (
                "II/2022",
                date(2022, 7, 12),
                "Xét xử lưu động 02 vụ án, hiệu quả tuyên truyền tốt.",
                [],
            ),
            (
                "III/2022",
                date(2022, 10, 11),
                "Hội nghị cung cấp thông tin quý III chưa tổ chức được.",
                [
                    (
                        "UBND thành phố bố trí hội nghị cung cấp thông tin bù cho quý III.",
                        "ubnd-ngabay",
                        "xuyen",
                        date(2022, 11, 30),
                        D.DONE,
                        date(2022, 11, 25),
                        "Đã tổ chức ngày 25/11/2022.",
                        INVENTED_DIRECTIVE,
                    ),
                ],
            ),
            (
                "IV/2022",
                date(2023, 1, 10),
                "Hoàn thành nội dung phối hợp năm 2022.",
                [
                    (
                        "Rút ngắn thời gian phản ánh thông tin các vụ việc phức tạp về Ban Tuyên "
                        "giáo Thành ủy.",
                        "tand-ngabay",
                        "xuyen",
                        date(2023, 3, 31),
                        D.OPEN,
                        None,
                        "",
                        INVENTED_DIRECTIVE,
                    ),
                ],
            ),
        ]
    ],
    meeting(
        "camle-review",
        K.INTERIM_REVIEW,
        "Hội nghị sơ kết chương trình phối hợp năm 2017 và ký kết chương trình phối hợp năm 2018",
        ["camle-2017", "camle-2018"],
        "ubnd-camle",
        at(date(2018, 4, 23), 14),
        "UBND quận Cẩm Lệ",
        chair="levanson",
        attendees=["levanson", "mttq-cl-rep", "doanthe-cl-rep"],
        note="Theo bài viết: chiều 23/4 (năm 2018), UBND quận tổ chức; kết quả, nhiệm vụ năm 2018, "
        "ý kiến kết luận của đồng chí Lê Văn Sơn. Minh họa: giờ họp, nơi họp, người chủ trì (suy "
        "ra từ việc kết luận hội nghị), tên người đại diện.",
        results="Hoạt động phối hợp giữa UBND với UBMTTQ và các đoàn thể quận tiếp tục được quan "
        "tâm duy trì và thực hiện có hiệu quả trong tất cả các mặt.",
        next_tasks="Vận động thực hiện Chương trình “Thành phố 4 an”, chủ trương “Năm thu hút đầu "
        "tư”; thi đua; cuộc vận động xây dựng Đô thị văn minh; xây dựng Đảng và chính quyền.",
        conclusions="Đánh giá cao những kết quả phối hợp đã đạt được; các kết quả phản ánh những "
        "cố gắng, sáng tạo, đổi mới trong cơ chế phối hợp giữa các bên.",
        directives=[
            (
                "Các ban, ngành cùng vào cuộc thực hiện những nhiệm vụ chung của quận.",
                "ubnd-camle",
                "levanson",
                None,
                D.IN_PROGRESS,
                None,
                "",
            ),
            (
                "Chuyển tải các nội dung chương trình phối hợp năm 2018 tới các phường, tạo sự "
                "đồng bộ trong nhận thức và thực hiện.",
                "mttq-camle",
                "levanson",
                date(2018, 6, 30),
                D.DONE,
                date(2018, 6, 15),
                "Đã triển khai tới 6 phường.",
            ),
        ],
        signing_of="camle-2018",
    ),
]


def create_meeting(registry, spec):
    programmes = [registry.programmes[key] for key in spec["programmes"]]
    chair = registry.officials.get(spec["chair"])
    row = Meeting(
        kind=spec["kind"],
        title=spec["title"],
        organiser=registry.body(spec["organiser"]),
        starts_at=spec["starts"],
        ends_at=spec["starts"].replace(hour=spec["starts"].hour + spec["hours"]),
        place=spec["place"],
        chair=chair,
        chair_position=chair.position if chair else "",
        agenda=spec["agenda"],
        minutes=spec["minutes"],
        conclusions=spec["conclusions"],
        results=spec["results"],
        limitations=spec["limitations"],
        next_tasks=spec["next_tasks"],
        status=Meeting.Status.HELD,
        note=spec["note"],
        signing=registry.programmes[spec["signing_of"]].signing if spec["signing_of"] else None,
    )
    row.full_clean()
    row.save()
    row.programmes.set(programmes)
    if spec["reviews"]:
        quarter = Quarter.parse(spec["reviews"])
        for programme in programmes:
            PlannedBriefing.objects.create(
                programme=programme, quarter=quarter.first_day, meeting=row
            )
    for key in spec["attendees"]:
        official = registry.official(key)
        Attendance.objects.create(
            meeting=row, official=official, position=official.position, invited=True, present=True
        )
    for text, body, given_by, deadline, status, completed_on, note, *own in spec["directives"]:
        directive = Directive(
            meeting=row,
            programme=programmes[0] if len(programmes) == 1 else None,
            text=text,
            addressed_body=registry.body(body),
            given_by=registry.official(given_by) if given_by else None,
            deadline=deadline,
            status=status,
            completed_on=completed_on,
            follow_up_note=note,
            note=own[0] if own else QUOTED_DIRECTIVE,
        )
        directive.full_clean()
        directive.save()
    return row


@transaction.atomic
def load_meetings(registry, fresh_programmes):
    """Meetings come with their programmes: loaded once, when those were."""
    created = []
    for spec in MEETINGS:
        if not any(key in fresh_programmes for key in spec["programmes"]):
            continue
        created.append(create_meeting(registry, spec))
    return created


def close_reviewed_programmes(registry, fresh_programmes):
    """The Cẩm Lệ 2017 programme ended with its review on 23/4/2018."""
    if "camle-2017" in fresh_programmes:
        programme = Programme.objects.get(pk=registry.programmes["camle-2017"].pk)
        programme_close(
            programme=programme,
            closed_on=date(2018, 4, 23),
            note="Đã sơ kết tại hội nghị ngày 23/4/2018; các nội dung phối hợp năm 2017 hoàn "
            "thành.",
        )


# --- what load_demo runs (parties/management/commands/load_demo.py) ----------------

AFTER = ("agreements",)


def load(registry):
    meetings = load_meetings(registry, registry.fresh_programmes)
    close_reviewed_programmes(registry, registry.fresh_programmes)
    return [f"Đã nạp {len(meetings)} hội nghị mẫu."] if meetings else []
