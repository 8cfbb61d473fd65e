"""The abbreviations of the political system, spelled out for search and full names."""

import pytest

from parties.abbreviations import ABBREVIATIONS, fold, is_ambiguous, spell_out, spellings


@pytest.mark.parametrize(
    ("written", "spelled"),
    [
        ("UBND huyện Thanh Trì", "Ủy ban nhân dân huyện Thanh Trì"),
        ("HĐND thành phố Ngã Bảy", "Hội đồng nhân dân thành phố Ngã Bảy"),
        ("Ủy ban MTTQ Việt Nam quận Cẩm Lệ", "Ủy ban Mặt trận Tổ quốc Việt Nam quận Cẩm Lệ"),
        ("UBMTTQVN quận Cẩm Lệ", "Ủy ban Mặt trận Tổ quốc Việt Nam quận Cẩm Lệ"),
        ("TAND, VKSND thành phố", "Tòa án nhân dân, Viện kiểm sát nhân dân thành phố"),
        ("Ban Tuyên giáo HU", "Ban Tuyên giáo Huyện ủy"),
        ("BTGHU", "Ban Tuyên giáo Huyện ủy"),
        ("UBKTHU", "Ủy ban Kiểm tra Huyện ủy"),
        ("Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên Cộng sản Hồ Chí Minh"),
        (
            "HLHPN, HND, HCCB, LĐLĐ",
            "Hội Liên hiệp Phụ nữ, Hội Nông dân, Hội Cựu chiến binh, Liên đoàn Lao động",
        ),
        ("phát triển KT-XH", "phát triển kinh tế - xã hội"),
        ("hđnd", "Hội đồng nhân dân"),  # typed in lower case, without care
    ],
)
def test_abbreviations_are_spelled_out(written, spelled):
    assert spell_out(written) == spelled


def test_an_ambiguous_one_is_spelled_every_way():
    assert spellings("Ban Tuyên giáo TU") == [
        "Ban Tuyên giáo Tỉnh ủy",
        "Ban Tuyên giáo Thành ủy",
    ]
    assert is_ambiguous("BTGTU") and not is_ambiguous("UBND huyện")


@pytest.mark.parametrize(
    "text",
    [
        "Tự chủ, tự chịu trách nhiệm",  # tự, hư: words, not TU and HU
        "hư hỏng, tu sửa, đủ",
        "CÁN BỘ, NHÂN DÂN THỦ ĐÔ TÍCH CỰC THAM GIA",  # a title in capitals
        "Phòng Văn hóa và Thông tin",
        "01-CTrPH",
    ],
)
def test_ordinary_words_are_left_alone(text):
    assert spell_out(text) == text
    assert spellings(text) == []


def test_short_ones_are_read_only_in_capitals():
    assert spell_out("Ban Tuyên giáo hu") == "Ban Tuyên giáo hu"
    assert spell_out("Ban Tuyên giáo HU") == "Ban Tuyên giáo Huyện ủy"


def test_every_abbreviation_is_known_by_its_folded_form_and_none_is_listed_twice():
    keys = [fold(a.written) for a in ABBREVIATIONS]
    assert len(keys) == len(set(keys))
    for abbreviation in ABBREVIATIONS:
        for meaning in abbreviation.meanings:
            assert spell_out(meaning) == meaning  # no meaning holds another abbreviation
