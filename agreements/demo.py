"""The programmes of the five seed articles, with their clauses, signings and progress.

What the articles state (parties, dates, places, people, the tasks they list)
is kept as printed. Document numbers, indicator targets and the progress
figures are plausible values for the demo: each programme's own `note` (never
printed on a page or document) says which details are the article's and which
are illustrative.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from agreements.demo_reorganisation import hand_over_thanh_tri
from agreements.models import Clause, ClauseStatus, Programme, ProgrammeDocument, Topic
from agreements.services import (
    amendment_create,
    clause_create,
    programme_create,
    programmes_sign,
    progress_report_create,
)
from agreements.services.documents import document_build, document_request

S = ClauseStatus
C = Clause.Cadence


def clause(
    text, lead, support=(), topic=None, cadence=C.ONGOING, due=None, indicators=(), progress=()
):
    return {
        "text": text,
        "lead": lead,
        "support": support,
        "topic": topic,
        "cadence": cadence,
        "due": due,
        "indicators": indicators,
        "progress": progress,
    }


THANH_TRI_2017 = {
    "key": "thanhtri-2017",
    "issuer": "btghu-thanhtri",
    "number": 1,
    "symbol": "CTrPH/BTGHU-UBND",
    "year": 2017,
    "title": "Chương trình phối hợp tuyên truyền, triển khai kế hoạch phát triển kinh tế - xã hội "
    "và giải quyết các vấn đề bức xúc của nhân dân trên địa bàn huyện năm 2017",
    "legal_basis": "Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản lý Nhà nước "
    "cùng cấp trong việc triển khai kế hoạch phát triển kinh tế - xã hội, giải quyết các vấn đề "
    "bức xúc của Nhân dân; kết quả thực hiện chương trình phối hợp năm 2016.",
    "content": "Nâng cao chất lượng, hiệu quả công tác tư tưởng, tạo sự nhất trí cao về nhận "
    "thức và hành động trong mỗi cán bộ, đảng viên và nhân dân đối với việc thực hiện kế hoạch "
    "phát triển kinh tế - xã hội, giải quyết các vấn đề bức xúc của nhân dân; tham mưu tăng "
    "cường sự lãnh đạo của các cấp ủy Đảng trong việc đẩy mạnh thực hiện chương trình phối hợp "
    "bằng nội dung cụ thể, hiệu quả trên một số lĩnh vực trọng tâm.",
    "parties": ["btghu-thanhtri", "ubnd-thanhtri"],
    "lead": "btghu-thanhtri",
    "period": (date(2017, 1, 1), date(2017, 12, 31)),
    "note": "Theo bài viết “Thanh Trì ký kết chương trình phối hợp…” (07/04/2017): tên chương "
    "trình, hai bên, ngày 30/3/2017 và nơi ký, các lĩnh vực trọng tâm năm 2017. Minh họa của dữ "
    "liệu mẫu: số hiệu, căn cứ (bài viết không nêu; Quy chế lấy từ bài viết về Báo cáo "
    "686-BC/BTGTU), người ký và người chứng kiến (bài viết chỉ nêu những người tham dự), nội dung "
    "5 và 6 (bài viết nêu là kết quả năm 2016), đơn vị phối hợp, chỉ tiêu, hạn và mọi báo cáo "
    "tiến độ.",
    "topics": [
        "tuyen-truyen",
        "phat-trien-kt-xh",
        "buc-xuc-nhan-dan",
        "nong-thon-moi",
        "do-thi-van-minh",
        "cai-cach-hanh-chinh",
    ],
    "clauses": [
        clause(
            "Tuyên truyền thực hiện “Năm kỷ cương hành chính 2017” trong cán bộ, công chức, "
            "viên chức và người lao động của huyện.",
            "ubnd-thanhtri",
            ["btghu-thanhtri", "vhtt-thanhtri"],
            "cai-cach-hanh-chinh",
            C.QUARTERLY,
            date(2017, 12, 31),
            [("Hội nghị quán triệt", "hội nghị", 4)],
            [
                (
                    date(2017, 6, 28),
                    "ubnd-thanhtri",
                    S.ON_TRACK,
                    [1],
                    "Đã tổ chức hội nghị quán triệt tới toàn thể cán bộ, công chức cơ quan huyện.",
                ),
                (
                    date(2017, 9, 27),
                    "ubnd-thanhtri",
                    S.ON_TRACK,
                    [2],
                    "Quán triệt tại khối xã, thị trấn.",
                ),
                (
                    date(2017, 12, 27),
                    "ubnd-thanhtri",
                    S.DONE,
                    [1],
                    "Hoàn thành kế hoạch quán triệt năm.",
                ),
            ],
        ),
        clause(
            "Tuyên truyền, triển khai Quy tắc ứng xử của cán bộ, công chức, viên chức và người "
            "lao động; Quy tắc ứng xử nơi công cộng.",
            "btghu-thanhtri",
            ["ubnd-thanhtri", "vhtt-thanhtri", "mttq-thanhtri"],
            "tuyen-truyen",
            C.QUARTERLY,
            date(2017, 12, 31),
            [("Tin, bài tuyên truyền", "tin, bài", 48), ("Ấn phẩm tuyên truyền", "ấn phẩm", 20)],
            [
                (
                    date(2017, 6, 28),
                    "btghu-thanhtri",
                    S.ON_TRACK,
                    [12, 5],
                    "Đăng tải trên Đài truyền thanh huyện và trang thông tin điện tử.",
                ),
                (date(2017, 9, 27), "btghu-thanhtri", S.ON_TRACK, [14, 6], ""),
                (
                    date(2017, 12, 27),
                    "btghu-thanhtri",
                    S.DONE,
                    [22, 9],
                    "Phát hành tờ gấp Quy tắc ứng xử tới các thôn, tổ dân phố.",
                ),
            ],
        ),
        clause(
            "Tuyên truyền nâng cao các tiêu chí xây dựng nông thôn mới gắn với trật tự văn minh "
            "đô thị.",
            "ubnd-thanhtri",
            ["btghu-thanhtri", "mttq-thanhtri"],
            "nong-thon-moi",
            C.ONGOING,
            date(2017, 12, 31),
            [("Hội nghị chuyên đề", "hội nghị", 6), ("Tin, bài tuyên truyền", "tin, bài", 60)],
            [
                (date(2017, 6, 28), "ubnd-thanhtri", S.ON_TRACK, [2, 15], ""),
                (
                    date(2017, 9, 27),
                    "ubnd-thanhtri",
                    S.AT_RISK,
                    [1, 10],
                    "Một số xã chậm hoàn thiện tiêu chí môi trường; cần tăng tuyên truyền "
                    "tại cơ sở.",
                ),
                (
                    date(2017, 12, 27),
                    "ubnd-thanhtri",
                    S.AT_RISK,
                    [2, 20],
                    "Còn 2 xã chưa đạt tiêu chí môi trường; chuyển tiếp sang năm 2018.",
                ),
            ],
        ),
        clause(
            "Tuyên truyền bảo đảm vệ sinh môi trường, quản lý đất đai, trật tự xây dựng trên địa "
            "bàn huyện.",
            "ubnd-thanhtri",
            ["btghu-thanhtri"],
            "phat-trien-kt-xh",
            C.QUARTERLY,
            date(2017, 12, 31),
            [("Hội nghị chuyên đề", "hội nghị", 4)],
            [
                (date(2017, 6, 28), "ubnd-thanhtri", S.ON_TRACK, [1], ""),
                (date(2017, 9, 27), "ubnd-thanhtri", S.ON_TRACK, [1], ""),
                (date(2017, 12, 27), "ubnd-thanhtri", S.DONE, [2], ""),
            ],
        ),
        clause(
            "Theo dõi, nắm bắt tình hình tư tưởng, dư luận xã hội; định hướng tuyên truyền trên "
            "hệ thống thông tin đại chúng và tuyên truyền cổ động trực quan về các sự kiện chính "
            "trị trọng đại, ngày kỷ niệm lớn.",
            "btghu-thanhtri",
            ["ubnd-thanhtri", "mttq-thanhtri", "vhtt-thanhtri"],
            "buc-xuc-nhan-dan",
            C.MONTHLY,
            date(2017, 12, 31),
            [
                ("Báo cáo tình hình dư luận xã hội", "báo cáo", 12),
                ("Pa-nô, khẩu hiệu cổ động", "pa-nô", 150),
            ],
            [
                (
                    date(2017, 6, 28),
                    "btghu-thanhtri",
                    S.ON_TRACK,
                    [6, 40],
                    "Báo cáo tháng 1–6; cổ động trực quan dịp 30/4 và 1/5.",
                ),
                (date(2017, 9, 27), "btghu-thanhtri", S.ON_TRACK, [3, 35], "Cổ động dịp 2/9."),
                (date(2017, 12, 27), "btghu-thanhtri", S.DONE, [3, 60], ""),
            ],
        ),
        clause(
            "Phối hợp tuyên truyền phòng, chống dịch bệnh, vệ sinh an toàn thực phẩm.",
            "ubnd-thanhtri",
            ["btghu-thanhtri"],
            "ve-sinh-an-toan-thuc-pham",
            C.ONCE,
            date(2017, 9, 30),
            [("Hội nghị chuyên đề", "hội nghị", 3)],
            [
                (date(2017, 6, 28), "ubnd-thanhtri", S.ON_TRACK, [1], ""),
                (
                    date(2017, 9, 27),
                    "ubnd-thanhtri",
                    S.DONE,
                    [2],
                    "Hoàn thành trước Tết Trung thu.",
                ),
            ],
        ),
    ],
}

HA_NOI_QUY_CHE = {
    "key": "hanoi-quyche",
    "issuer": "btgtu-hanoi",
    # The article gives neither its number nor its date: it is cited by its title.
    "number": None,
    "symbol": "",
    "year": 2009,
    "title": "Quy chế phối hợp giữa Ban Tuyên giáo các cấp với cơ quan quản lý Nhà nước cùng cấp "
    "trong việc triển khai kế hoạch phát triển kinh tế - xã hội, giải quyết các vấn đề bức xúc "
    "của Nhân dân",
    "legal_basis": "",
    "content": "Phối hợp tuyên truyền, tạo sự đồng thuận trong cán bộ, đảng viên và Nhân dân "
    "Thủ đô trong triển khai kế hoạch phát triển kinh tế - xã hội; phối hợp giải quyết, xử lý "
    "các vấn đề bức xúc phát sinh trên địa bàn.",
    # The levels: the city's Ban Tuyên giáo and UBND, and those of the one district the
    # demo has (Thanh Trì, whose own programme follows the Quy chế).
    "parties": ["btgtu-hanoi", "ubnd-hanoi", "btghu-thanhtri", "ubnd-thanhtri"],
    "lead": "btgtu-hanoi",
    "period": (date(2009, 6, 1), date(2019, 6, 30)),
    "note": "Theo bài viết về Báo cáo số 686-BC/BTGTU (25/6/2019): tên Quy chế, phạm vi (Ban "
    "Tuyên giáo các cấp với cơ quan quản lý Nhà nước cùng cấp), 10 năm thực hiện và các việc đã "
    "làm. Bài viết không nêu số, ngày ban hành, nơi ký, người ký: số, ngày ký, nơi ký, người "
    "ký để trống. Năm 2009 (năm của số, ngày đầu kỳ 01/6/2009) suy ra từ “10 năm”; ngày cuối "
    "kỳ là giá trị thay thế của dữ liệu mẫu. Cấp huyện chỉ ghi Thanh Trì, huyện duy nhất của "
    "dữ liệu mẫu. Chỉ tiêu, số liệu từng năm là minh họa (tổng số hội nghị hơn 1.000 "
    "theo bài viết).",
    "topics": ["tuyen-truyen", "phat-trien-kt-xh", "buc-xuc-nhan-dan"],
    "clauses": [
        clause(
            "Phối hợp tổ chức hội nghị chuyên đề, tập huấn cho đội ngũ báo cáo viên, hệ thống "
            "Tuyên giáo Thành phố, cán bộ, đảng viên và Nhân dân: phòng chống lụt bão, vệ sinh "
            "ATTP, ATGT, PCCC và cứu hộ, cứu nạn, thông tin đối ngoại, Cuộc vận động “Người Việt "
            "Nam ưu tiên dùng hàng Việt Nam”.",
            "btgtu-hanoi",
            ["ubnd-hanoi"],
            "tuyen-truyen",
            C.YEARLY,
            None,
            [("Hội nghị chuyên đề, tập huấn", "hội nghị", 1000)],
            [
                (date(2010 + i, 6, 15), "btgtu-hanoi", S.ON_TRACK if i < 9 else S.DONE, [n], "")
                for i, n in enumerate([85, 92, 98, 104, 101, 110, 106, 112, 108, 104])
            ],
        ),
        clause(
            "Phối hợp biên soạn ấn phẩm, tài liệu phục vụ tuyên truyền các nhiệm vụ chính trị của "
            "Thành phố.",
            "btgtu-hanoi",
            ["ubnd-hanoi"],
            "tuyen-truyen",
            C.YEARLY,
            None,
            [("Ấn phẩm, tài liệu tuyên truyền", "ấn phẩm", 100)],
            [
                (date(2010 + i, 6, 15), "btgtu-hanoi", S.ON_TRACK if i < 9 else S.DONE, [n], note)
                for i, (n, note) in enumerate(
                    [
                        (8, ""),
                        (9, ""),
                        (10, ""),
                        (12, "Ấn phẩm “Thủ đô Hà Nội 5 năm mở rộng địa giới hành chính”."),
                        (11, "Ấn phẩm “Thủ đô Hà Nội - 60 năm xây dựng và phát triển”."),
                        (10, "Ấn phẩm “Thủ đô Hà Nội với biển đảo quê hương”."),
                        (
                            12,
                            "Ấn phẩm “Phát triển thương hiệu hàng Việt Nam bằng uy tín, chất "
                            "lượng sản phẩm”.",
                        ),
                        (11, "Ấn phẩm “Thông tin đối ngoại trong hội nhập quốc tế”."),
                        (10, "Ấn phẩm “Thủ đô Hà Nội 10 năm mở rộng địa giới hành chính”."),
                        (11, ""),
                    ]
                )
            ],
        ),
        clause(
            "Tuyên truyền trên cổng thông tin điện tử, hệ thống đài phát thanh, tại các hội nghị, "
            "sinh hoạt Đảng, sinh hoạt chi, tổ, hội nhân các sự kiện chính trị và nhiệm vụ phát "
            "triển kinh tế - xã hội.",
            "btgtu-hanoi",
            ["ubnd-hanoi"],
            "tuyen-truyen",
            C.ONGOING,
            None,
            [("Bài viết tuyên truyền", "bài", 2000)],
            [
                (date(2010 + i, 6, 15), "btgtu-hanoi", S.ON_TRACK if i < 9 else S.DONE, [n], "")
                for i, n in enumerate([260, 280, 300, 310, 320, 330, 340, 350, 360, 370])
            ],
        ),
        clause(
            "Phối hợp giải quyết, xử lý các vấn đề bức xúc phát sinh trên địa bàn, góp phần giữ "
            "gìn an ninh trật tự tại cơ sở.",
            "ubnd-hanoi",
            ["btgtu-hanoi"],
            "buc-xuc-nhan-dan",
            C.ONGOING,
            None,
            [],
            [
                (date(2014, 6, 15), "ubnd-hanoi", S.ON_TRACK, [], ""),
                (
                    date(2019, 6, 15),
                    "ubnd-hanoi",
                    S.ON_TRACK,
                    [],
                    "Tiếp tục tham mưu, đề xuất giải pháp xử lý những vấn đề phát sinh ở cơ sở.",
                ),
            ],
        ),
        clause(
            "Tổ chức các lớp tập huấn nghiệp vụ, bồi dưỡng nâng cao trình độ đội ngũ cán bộ tham "
            "gia công tác tuyên truyền; tọa đàm, trao đổi kinh nghiệm thực hiện quy chế phối hợp.",
            "btgtu-hanoi",
            ["ubnd-hanoi"],
            "tuyen-truyen",
            C.YEARLY,
            None,
            [("Lớp tập huấn nghiệp vụ", "lớp", 20)],
            [
                (date(2010 + i, 6, 15), "btgtu-hanoi", S.ON_TRACK if i < 9 else S.DONE, [2], "")
                for i in range(10)
            ],
        ),
    ],
}

THI_TRAN_2018 = {
    "key": "thitran-2018",
    "issuer": "ubnd-tt",
    "number": 1,
    "symbol": "CTrPH-UBND-KDV",
    "year": 2018,
    "title": "Chương trình phối hợp thực hiện nhiệm vụ chính trị giai đoạn 2018 - 2021 giữa UBND "
    "thị trấn và Khối dân vận thị trấn",
    "legal_basis": "",
    "content": "Xây dựng kế hoạch, lộ trình, phần việc phối hợp giữa các ngành chuyên môn UBND "
    "thị trấn với các ban, ngành, đoàn thể trong thực hiện nhiệm vụ chính trị.",
    "parties": ["ubnd-tt", "kdv-tt"],
    "lead": "ubnd-tt",
    "period": (date(2018, 10, 2), date(2021, 12, 31)),
    "note": "Theo bài viết “Thị trấn ký kết chương trình phối hợp thực hiện nhiệm vụ chính "
    "trị”: hai bên, ngày ký 2/10 (năm 2018 theo giai đoạn 2018 - 2021), các nhiệm vụ trọng tâm. "
    "Minh họa của dữ liệu mẫu: số hiệu, nơi ký, người ký (bài viết không nêu tên), ngày cuối kỳ "
    "31/12/2021, đơn vị phối hợp, chỉ tiêu, Phụ lục 01 (bài viết chỉ nêu đề nghị xây dựng lại "
    "kế hoạch) và các báo cáo tiến độ.",
    "topics": ["dan-van-kheo", "cai-cach-hanh-chinh", "dan-chu-co-so", "khieu-nai-to-cao"],
    "clauses": [
        clause(
            "Phối hợp nghiên cứu, tham mưu xây dựng các chủ trương, chính sách, chương trình, kế "
            "hoạch.",
            "ubnd-tt",
            ["kdv-tt"],
            "xay-dung-dang-chinh-quyen",
            C.YEARLY,
            None,
            [],
            [(date(2019, 12, 20), "ubnd-tt", S.ON_TRACK, [], "")],
        ),
        clause(
            "Phối hợp hướng dẫn, đôn đốc việc thực hiện và kiểm tra, giám sát, sơ kết, tổng kết "
            "các chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước về công tác dân "
            "vận và phát huy quyền làm chủ của Nhân dân.",
            "kdv-tt",
            ["ubnd-tt"],
            "dan-chu-co-so",
            C.YEARLY,
            None,
            [],
            [(date(2019, 12, 20), "kdv-tt", S.ON_TRACK, [], "")],
        ),
        clause(
            "Đẩy mạnh cải cách hành chính gắn với thực hiện tốt quy chế dân chủ ở cơ sở.",
            "ubnd-tt",
            ["kdv-tt"],
            "cai-cach-hanh-chinh",
            C.ONGOING,
            None,
            [],
            [(date(2019, 12, 20), "ubnd-tt", S.ON_TRACK, [], "")],
        ),
        clause(
            "Nắm sát tình hình Nhân dân, nhất là những bức xúc trong Nhân dân và kiến nghị của cử "
            "tri; việc giải quyết đơn thư khiếu nại, tố cáo của công dân, khiếu nại đông người để "
            "tham mưu xử lý kịp thời.",
            "ubnd-tt",
            ["kdv-tt", "mttq-tt"],
            "khieu-nai-to-cao",
            C.QUARTERLY,
            None,
            [],
            [
                (
                    date(2019, 12, 20),
                    "ubnd-tt",
                    S.AT_RISK,
                    [],
                    "Còn đơn thư tồn đọng từ năm trước; cần phân công cụ thể đầu mối.",
                )
            ],
        ),
        clause(
            "Đẩy mạnh các phong trào thi đua yêu nước, nhất là “Toàn dân chung sức xây dựng đô "
            "thị văn minh”, “Dân vận khéo” gắn với học tập và làm theo tư tưởng, đạo đức, phong "
            "cách Hồ Chí Minh.",
            "kdv-tt",
            ["ubnd-tt", "mttq-tt"],
            "dan-van-kheo",
            C.YEARLY,
            None,
            [("Mô hình “Dân vận khéo”", "mô hình", 10)],
            [(date(2019, 12, 20), "kdv-tt", S.ON_TRACK, [3], "")],
        ),
        clause(
            "Tăng cường khối đại đoàn kết toàn dân tộc, thúc đẩy phát triển kinh tế - xã hội, "
            "nâng cao đời sống vật chất, tinh thần cho Nhân dân.",
            "ubnd-tt",
            ["kdv-tt", "mttq-tt"],
            "phat-trien-kt-xh",
            C.ONGOING,
            None,
            [],
            [],
        ),
    ],
}


def nga_bay(key, number, partner, partner_code, partner_label, special):
    """One of the four programmes the Ban Tuyên giáo signed on 31/12/2021."""
    return {
        "key": key,
        "issuer": "btgtu-ngabay",
        "number": number,
        "symbol": f"CTrPH/BTGTU-{partner_code}",
        "year": 2021,
        "title": "Chương trình phối hợp giữa Ban Tuyên giáo Thành ủy và "
        f"{partner_label} trong việc thực thi pháp luật, triển khai kế hoạch phát triển kinh tế - "
        "xã hội, giải quyết các vấn đề nổi cộm, Nhân dân quan tâm giai đoạn 2021 - 2025",
        "legal_basis": "Quyết định số 238-QĐ/TW của Ban Bí thư Trung ương Đảng khóa XII.",
        "content": "Bám sát nội dung phối hợp cụ thể theo nhiệm vụ giữa Ban Tuyên giáo Thành ủy "
        f"và {partner_label}; giữ vững ổn định tâm trạng của Nhân dân và tình hình dư luận xã "
        "hội, triển khai thực hiện tốt nhiệm vụ chính trị.",
        "parties": ["btgtu-ngabay", partner],
        "lead": "btgtu-ngabay",
        # In force from the signing on 31/12/2021 to the end of the 2021 - 2025 term.
        "period": (date(2021, 12, 31), date(2025, 12, 31)),
        "note": "Theo bài viết “Ban Tuyên giáo Ngã Bảy ký kết Chương trình phối hợp giai đoạn "
        "2021 – 2025”: các bên, căn cứ, ngày ký 31/12/2021, sự chứng kiến của Thường trực Thành "
        "ủy, các nhiệm vụ chung (trao đổi thông tin, giao ban hằng quý, phản ánh, tham mưu). "
        "Minh họa của dữ liệu mẫu: số hiệu, nơi ký, người ký, nội dung riêng với từng ngành, "
        "chỉ tiêu và các báo cáo tiến độ.",
        "topics": ["thuc-thi-phap-luat", "phat-trien-kt-xh", "buc-xuc-nhan-dan", "tuyen-truyen"],
        "clauses": [
            clause(
                "Thường xuyên trao đổi, cung cấp thông tin về tình hình thực thi pháp luật, triển "
                "khai kế hoạch phát triển kinh tế - xã hội và các vấn đề nổi cộm, Nhân dân quan "
                "tâm.",
                partner,
                ["btgtu-ngabay"],
                "thuc-thi-phap-luat",
                C.QUARTERLY,
                None,
                [],
                [
                    (date(2022, 3, 28), partner, S.ON_TRACK, [], ""),
                    (date(2022, 6, 27), partner, S.ON_TRACK, [], ""),
                    (date(2022, 9, 26), partner, S.ON_TRACK, [], ""),
                    (date(2022, 12, 26), partner, S.ON_TRACK, [], ""),
                ],
            ),
            clause(
                "Định kỳ hàng quý tổ chức họp giao ban giữa Ban Tuyên giáo Thành ủy và "
                f"{partner_label}.",
                "btgtu-ngabay",
                [partner],
                "tuyen-truyen",
                C.QUARTERLY,
                None,
                [("Cuộc họp giao ban", "cuộc", 20)],
                [
                    (date(2022, 4, 12), "btgtu-ngabay", S.ON_TRACK, [1], ""),
                    (date(2022, 7, 12), "btgtu-ngabay", S.ON_TRACK, [1], ""),
                    (date(2022, 10, 11), "btgtu-ngabay", S.ON_TRACK, [1], ""),
                    (date(2023, 1, 10), "btgtu-ngabay", S.ON_TRACK, [1], ""),
                ],
            ),
            clause(
                "Phối hợp nắm bắt, định hướng dư luận xã hội; kịp thời phản ánh, tham mưu đề xuất "
                "với Thường trực, Ban Thường vụ Thành ủy về những khó khăn, vướng mắc trong quá "
                "trình phối hợp.",
                "btgtu-ngabay",
                [partner],
                "buc-xuc-nhan-dan",
                C.ONGOING,
                None,
                [],
                [
                    (date(2022, 6, 27), "btgtu-ngabay", S.ON_TRACK, [], ""),
                    (
                        date(2022, 12, 26),
                        "btgtu-ngabay",
                        S.AT_RISK,
                        [],
                        "Thông tin phản ánh còn chậm ở một số vụ việc phức tạp.",
                    ),
                ],
            ),
            special,
        ],
    }


NGA_BAY_HDND = nga_bay(
    "ngabay-hdnd",
    1,
    "hdnd-ngabay",
    "HĐND",
    "HĐND thành phố",
    clause(
        "Tuyên truyền hoạt động của HĐND, kết quả các kỳ họp, tiếp xúc cử tri và việc giải quyết "
        "kiến nghị của cử tri.",
        "hdnd-ngabay",
        ["btgtu-ngabay"],
        "tuyen-truyen",
        C.QUARTERLY,
        None,
        [("Tin, bài về hoạt động HĐND", "tin, bài", 100)],
        [
            (date(2022, 3, 28), "hdnd-ngabay", S.ON_TRACK, [5], ""),
            (date(2022, 6, 27), "hdnd-ngabay", S.ON_TRACK, [6], ""),
            (date(2022, 9, 26), "hdnd-ngabay", S.ON_TRACK, [4], ""),
            (date(2022, 12, 26), "hdnd-ngabay", S.ON_TRACK, [7], "Kỳ họp thường lệ cuối năm."),
        ],
    ),
)
NGA_BAY_UBND = nga_bay(
    "ngabay-ubnd",
    2,
    "ubnd-ngabay",
    "UBND",
    "UBND thành phố",
    clause(
        "Tuyên truyền kế hoạch phát triển kinh tế - xã hội hằng năm; tổ chức hội nghị cung cấp "
        "thông tin định kỳ cho báo chí.",
        "ubnd-ngabay",
        ["btgtu-ngabay"],
        "phat-trien-kt-xh",
        C.QUARTERLY,
        None,
        [("Hội nghị cung cấp thông tin", "hội nghị", 20)],
        [
            (date(2022, 3, 28), "ubnd-ngabay", S.ON_TRACK, [1], ""),
            (date(2022, 6, 27), "ubnd-ngabay", S.ON_TRACK, [1], ""),
            (
                date(2022, 9, 26),
                "ubnd-ngabay",
                S.AT_RISK,
                [0],
                "Chưa tổ chức được hội nghị quý III do trùng lịch phòng chống dịch.",
            ),
            (date(2022, 12, 26), "ubnd-ngabay", S.ON_TRACK, [2], ""),
        ],
    ),
)
NGA_BAY_TAND = nga_bay(
    "ngabay-tand",
    3,
    "tand-ngabay",
    "TAND",
    "Tòa án nhân dân thành phố",
    clause(
        "Phối hợp tổ chức phiên tòa xét xử lưu động; tuyên truyền, phổ biến pháp luật qua các vụ "
        "án.",
        "tand-ngabay",
        ["btgtu-ngabay"],
        "thuc-thi-phap-luat",
        C.QUARTERLY,
        None,
        [("Phiên tòa xét xử lưu động", "phiên tòa", 25)],
        [
            (date(2022, 3, 28), "tand-ngabay", S.ON_TRACK, [1], ""),
            (
                date(2022, 6, 27),
                "tand-ngabay",
                S.ON_TRACK,
                [2],
                "Xét xử lưu động 02 vụ án tại phường Lái Hiếu và xã Đại Thành.",
            ),
            (date(2022, 9, 26), "tand-ngabay", S.ON_TRACK, [1], ""),
            (date(2022, 12, 26), "tand-ngabay", S.ON_TRACK, [1], ""),
        ],
    ),
)
NGA_BAY_VKSND = nga_bay(
    "ngabay-vksnd",
    4,
    "vksnd-ngabay",
    "VKSND",
    "Viện Kiểm sát nhân dân thành phố",
    clause(
        "Tuyên truyền kết quả công tác kiểm sát, các vụ án điểm; phổ biến pháp luật cho Nhân dân.",
        "vksnd-ngabay",
        ["btgtu-ngabay"],
        "thuc-thi-phap-luat",
        C.QUARTERLY,
        None,
        [("Tin, bài tuyên truyền pháp luật", "tin, bài", 80)],
        [
            (date(2022, 3, 28), "vksnd-ngabay", S.ON_TRACK, [4], ""),
            (date(2022, 6, 27), "vksnd-ngabay", S.ON_TRACK, [5], ""),
            (date(2022, 9, 26), "vksnd-ngabay", S.ON_TRACK, [3], ""),
            (date(2022, 12, 26), "vksnd-ngabay", S.ON_TRACK, [4], ""),
        ],
    ),
)

CAM_LE_2017 = {
    "key": "camle-2017",
    "issuer": "ubnd-camle",
    "number": 1,
    "symbol": "CTrPH-UBND-MTTQ",
    "year": 2017,
    "title": "Chương trình phối hợp công tác giữa UBND quận với Ủy ban MTTQ Việt Nam quận năm 2017",
    "legal_basis": "",
    "content": "Phối hợp động viên các tầng lớp Nhân dân đồng thuận, hưởng ứng, huy động sức "
    "mạnh của hệ thống chính trị và cộng đồng dân cư thực hiện các chỉ tiêu phát triển kinh tế - "
    "xã hội của quận và từng phường.",
    "parties": ["ubnd-camle", "mttq-camle", "doanthe-camle"],
    "lead": "ubnd-camle",
    "period": (date(2017, 1, 1), date(2017, 12, 31)),
    "note": "Theo bài viết “Sơ kết chương trình phối hợp giữa UBND với UBMTTQVN quận Cẩm Lệ” "
    "(24/4/2018): các bên (UBND với UBMTTQ và các đoàn thể quận), các mặt phối hợp năm 2017 và "
    "kết quả cao. Minh họa của dữ liệu mẫu: số hiệu, ngày ký 10/01/2017 (bài viết không nêu), "
    "người ký, đơn vị chủ trì từng nội dung và ngày báo cáo tiến độ.",
    "topics": ["tuyen-truyen", "dan-chu-co-so", "an-ninh-trat-tu", "khieu-nai-to-cao"],
    "clauses": [
        clause(
            text,
            lead,
            [other, "doanthe-camle"],
            topic,
            C.ONGOING,
            date(2017, 12, 31),
            [],
            [(date(2017, 12, 20), lead, S.DONE, [], "")],
        )
        for text, lead, other, topic in [
            (
                "Tuyên truyền, phổ biến các chủ trương, chính sách của Đảng và pháp luật của Nhà "
                "nước.",
                "ubnd-camle",
                "mttq-camle",
                "tuyen-truyen",
            ),
            (
                "Phối hợp thực hiện Quy chế dân chủ cơ sở, vận động Nhân dân tham gia xây dựng "
                "Đảng, xây dựng chính quyền, nâng cao hiệu lực, hiệu quả quản lý Nhà nước.",
                "mttq-camle",
                "ubnd-camle",
                "dan-chu-co-so",
            ),
            (
                "Phối hợp thực hiện Chương trình “Thành phố 4 an”, tham gia phát triển kinh tế "
                "- xã hội.",
                "ubnd-camle",
                "mttq-camle",
                "an-ninh-trat-tu",
            ),
            (
                "Phối hợp tham gia công tác giải phóng mặt bằng, giải quyết đơn thư khiếu nại, tố "
                "cáo.",
                "ubnd-camle",
                "mttq-camle",
                "khieu-nai-to-cao",
            ),
            (
                "Đẩy mạnh các cuộc vận động, các phong trào thi đua yêu nước.",
                "mttq-camle",
                "ubnd-camle",
                "thi-dua",
            ),
            (
                "Phối hợp thực hiện công tác dân số, kế hoạch hóa gia đình; an toàn giao thông; "
                "giữ gìn an ninh trật tự, phòng chống các tệ nạn xã hội.",
                "ubnd-camle",
                "mttq-camle",
                "an-toan-giao-thong",
            ),
        ]
    ],
}

CAM_LE_2018 = {
    "key": "camle-2018",
    "issuer": "ubnd-camle",
    "number": 2,
    "symbol": "CTrPH-UBND-MTTQ",
    "year": 2018,
    "title": "Chương trình phối hợp công tác giữa UBND quận với Ủy ban MTTQ Việt Nam quận năm 2018",
    "legal_basis": "Kết quả sơ kết chương trình phối hợp năm 2017.",
    "content": "Phát huy những kết quả đạt được trong năm 2017, xác định các nội dung, nhiệm vụ "
    "chủ yếu cho công tác phối hợp năm 2018.",
    "parties": ["ubnd-camle", "mttq-camle", "doanthe-camle"],
    "lead": "ubnd-camle",
    "period": (date(2018, 1, 1), date(2018, 12, 31)),
    "note": "Theo cùng bài viết: ký kết tại hội nghị sơ kết, các nhiệm vụ chủ yếu năm 2018. Bài "
    "viết in ngày 23/4/2017 nhưng đăng ngày 24/4/2018 và nói về năm 2017 đã qua, nên ngày ký ghi "
    "23/4/2018. Minh họa của dữ liệu mẫu: số hiệu, người ký, đơn vị chủ trì từng nội dung.",
    "topics": ["do-thi-van-minh", "thi-dua", "xay-dung-dang-chinh-quyen", "an-ninh-trat-tu"],
    "clauses": [
        clause(
            "Phối hợp vận động Nhân dân, các cơ quan, doanh nghiệp thực hiện Chương trình “Thành "
            "phố 4 an”, chủ trương “Năm thu hút đầu tư” và các Chỉ thị của Thành ủy.",
            "ubnd-camle",
            ["mttq-camle", "doanthe-camle"],
            "an-ninh-trat-tu",
            C.ONGOING,
            date(2018, 12, 31),
        ),
        clause(
            "Phối hợp trong hoạt động thi đua ở các tầng lớp Nhân dân, cán bộ công chức, người lao "
            "động nhằm hoàn thành nhiệm vụ chính trị của đơn vị, của quận và phường.",
            "mttq-camle",
            ["ubnd-camle", "doanthe-camle"],
            "thi-dua",
            C.ONGOING,
            date(2018, 12, 31),
        ),
        clause(
            "Triển khai cuộc vận động xây dựng Đô thị văn minh.",
            "mttq-camle",
            ["ubnd-camle", "doanthe-camle"],
            "do-thi-van-minh",
            C.ONGOING,
            date(2018, 12, 31),
        ),
        clause(
            "Phối hợp xây dựng Đảng và xây dựng chính quyền.",
            "ubnd-camle",
            ["mttq-camle", "doanthe-camle"],
            "xay-dung-dang-chinh-quyen",
            C.ONGOING,
            date(2018, 12, 31),
        ),
    ],
}

PROGRAMMES = [
    THANH_TRI_2017,
    HA_NOI_QUY_CHE,
    THI_TRAN_2018,
    NGA_BAY_HDND,
    NGA_BAY_UBND,
    NGA_BAY_TAND,
    NGA_BAY_VKSND,
    CAM_LE_2017,
    CAM_LE_2018,
]

# (programme keys, date, place, note, {programme key: [(body, official)]}, witnesses)
SIGNINGS = [
    (
        ["thanhtri-2017"],
        date(2017, 3, 30),
        "Phòng họp số 1 UBND huyện Thanh Trì",
        "",
        {"thanhtri-2017": [("btghu-thanhtri", "truong"), ("ubnd-thanhtri", "nhan")]},
        ["thanh"],
    ),
    (
        ["hanoi-quyche"],
        None,  # the article gives neither the day, the place nor who signed (the note)
        "",
        "",
        {},
        [],
    ),
    (
        ["thitran-2018"],
        date(2018, 10, 2),
        "Hội trường UBND thị trấn",
        "Các bộ phận chuyên môn và khối đoàn thể ký kết thực hiện nhiệm vụ chính trị.",
        {"thitran-2018": [("ubnd-tt", "ubnd-tt-x-rep"), ("kdv-tt", "kdv-tt-x-rep")]},
        ["ky", "dat"],
    ),
    (
        ["ngabay-hdnd", "ngabay-ubnd", "ngabay-tand", "ngabay-vksnd"],
        date(2021, 12, 31),
        "Thành ủy Ngã Bảy",
        "Ký kết trước sự chứng kiến của Thường trực Thành ủy.",
        {
            "ngabay-hdnd": [("btgtu-ngabay", "xuyen"), ("hdnd-ngabay", "hdnd-nb-rep")],
            "ngabay-ubnd": [("btgtu-ngabay", "xuyen"), ("ubnd-ngabay", "ubnd-nb-rep")],
            "ngabay-tand": [("btgtu-ngabay", "xuyen"), ("tand-ngabay", "tand-nb-rep")],
            "ngabay-vksnd": [("btgtu-ngabay", "xuyen"), ("vksnd-ngabay", "vksnd-nb-rep")],
        },
        ["son-ngabay"],
    ),
    (
        ["camle-2017"],
        date(2017, 1, 10),
        "UBND quận Cẩm Lệ",
        "",
        {
            "camle-2017": [
                ("ubnd-camle", "levanson"),
                ("mttq-camle", "mttq-cl-rep"),
                ("doanthe-camle", "doanthe-cl-rep"),
            ]
        },
        [],
    ),
    (
        ["camle-2018"],
        date(2018, 4, 23),
        "UBND quận Cẩm Lệ",
        "Ký kết tại hội nghị sơ kết chương trình phối hợp năm 2017.",
        {
            "camle-2018": [
                ("ubnd-camle", "levanson"),
                ("mttq-camle", "mttq-cl-rep"),
                ("doanthe-camle", "doanthe-cl-rep"),
            ]
        },
        [],
    ),
]

# (programme key, date, title, text, clause number it replaces, new clause text, due date)
AMENDMENTS = [
    (
        "thitran-2018",
        date(2018, 11, 20),
        "Phụ lục 01: cụ thể hóa đầu việc phối hợp",
        "Thực hiện ý kiến chỉ đạo của đồng chí Phó Bí thư Thường trực Huyện ủy tại lễ ký kết: "
        "xây dựng lại kế hoạch, nội dung, công việc phối hợp; nội dung, thời gian phối hợp cụ thể, "
        "chi tiết đầu việc giữa các bên.",
        4,
        "Hằng quý, UBND thị trấn chủ trì, Khối dân vận và Ủy ban MTTQ thị trấn phối hợp rà soát "
        "đơn thư khiếu nại, tố cáo và kiến nghị của cử tri; mỗi vụ việc phân công một đầu mối và "
        "thời hạn giải quyết; báo cáo cấp ủy trước ngày 25 tháng cuối quý.",
        date(2021, 12, 25),
    ),
]


def programme_lookup(registry, spec):
    return Programme.objects.filter(
        issuer=registry.body(spec["issuer"]),
        year=spec["year"],
        number=spec["number"],
        symbol=spec["symbol"],
    ).first()


def create_programme(registry, spec, topics):
    programme = programme_create(
        number=spec["number"],
        symbol=spec["symbol"],
        year=spec["year"],
        issuer=registry.body(spec["issuer"]),
        title=spec["title"],
        legal_basis=spec["legal_basis"],
        content=spec["content"],
        parties=[registry.body(k) for k in spec["parties"]],
        lead=registry.body(spec["lead"]),
        period_start=spec["period"][0],
        period_end=spec["period"][1],
        topics=[topics[code] for code in spec["topics"]],
    )
    # What is illustrative: in the programme's own note, which no page or document prints.
    Programme.objects.filter(pk=programme.pk).update(note=spec.get("note", ""))
    for item in spec["clauses"]:
        clause_create(
            programme=programme,
            text=item["text"],
            lead_body=registry.body(item["lead"]),
            supporting_bodies=[registry.body(k) for k in item["support"]],
            topic=topics[item["topic"]] if item["topic"] else None,
            cadence=item["cadence"],
            due_date=item["due"],
            indicators=[(name, unit, Decimal(target)) for name, unit, target in item["indicators"]],
        )
    return programme


def newest_wording(clause_row):
    while True:
        successor = Clause.objects.filter(replaces=clause_row).first()
        if successor is None:
            return clause_row
        clause_row = successor


def record_progress(registry, spec, programme):
    originals = programme.clauses.filter(amendment__isnull=True).order_by("number")
    for item, original in zip(spec["clauses"], originals, strict=True):
        clause_row = newest_wording(original)
        indicators = list(clause_row.indicators.order_by("pk"))
        for day, body, status, values, note in item["progress"]:
            progress_report_create(
                clause=clause_row,
                reported_on=day,
                reporting_body=registry.body(body),
                status=status,
                values={ind: Decimal(v) for ind, v in zip(indicators, values, strict=True)},
                note=note,
            )


@transaction.atomic
def load_programmes(registry):
    """Create each seed programme once; a programme already there is left as it is."""
    topics = {topic.code: topic for topic in Topic.objects.all()}
    registry.programmes = {}
    fresh = {}
    for spec in PROGRAMMES:
        existing = programme_lookup(registry, spec)
        if existing is None:
            existing = fresh[spec["key"]] = create_programme(registry, spec, topics)
        registry.programmes[spec["key"]] = existing
    for keys, day, place, note, signatories, witnesses in SIGNINGS:
        if not all(key in fresh for key in keys):
            continue
        programmes_sign(
            programmes=[fresh[key] for key in keys],
            date=day,
            place=place,
            note=note,
            signatories={
                fresh[key]: [(registry.body(b), registry.official(o)) for b, o in pairs]
                for key, pairs in signatories.items()
            },
            witnesses=[registry.official(key) for key in witnesses],
        )
    for key, day, title, text, replaced, new_text, due in AMENDMENTS:
        if key not in fresh:
            continue
        programme = fresh[key]
        old = programme.clauses.get(number=replaced, amendment__isnull=True)
        amendment_create(
            programme=programme,
            date=day,
            title=title,
            text=text,
            clause_changes=[
                {
                    "replaces": old,
                    "text": new_text,
                    "lead_body": old.lead_body,
                    "supporting_bodies": list(old.supporting_bodies.all()),
                    "topic": old.topic,
                    "cadence": Clause.Cadence.QUARTERLY,
                    "due_date": due,
                }
            ],
        )
    for spec in PROGRAMMES:
        if spec["key"] in fresh:
            record_progress(registry, spec, fresh[spec["key"]])
    return fresh


# --- what load_demo runs (parties/management/commands/load_demo.py) ----------------

AFTER = ("parties",)


def load_documents(registry):
    """Every demo programme's document, and each amendment's, built now (a signed
    one signed digitally by the parties holding a certificate)."""
    built = 0
    for programme in Programme.objects.filter(pk__in=[p.pk for p in registry.programmes.values()]):
        for amendment in [None, *programme.amendments.all()]:
            document = document_request(programme=programme, amendment=amendment)
            if document.status != ProgrammeDocument.Status.DONE:
                document_build(document_id=document.pk)
                built += 1
    return built


def load_after_commit(registry):
    built = load_documents(registry)
    return [f"Đã lập {built} văn bản chương trình (PDF)."] if built else []


def load(registry):
    registry.fresh_programmes = load_programmes(registry)
    # After the 2025 reorganisation (agreements/demo_reorganisation.py).
    hand_over_thanh_tri(registry)
    count = len(registry.fresh_programmes)
    return [f"Đã nạp {count} chương trình phối hợp mẫu."] if count else []
