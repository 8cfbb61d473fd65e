"""The visible stamp of a digital signature reads: its font has the Vietnamese letters and
is measured in the thousandths of an em PDF counts in (parties/signatures.py)."""

from fontTools.ttLib import TTFont

from parties.signatures import STAMP_FONT_SIZE, stamp_font_file, stamp_style


def test_the_stamp_font_counts_1000_units_to_the_em_and_has_every_vietnamese_letter():
    font = TTFont(stamp_font_file())
    assert font["head"].unitsPerEm == 1000
    cmap = font.getBestCmap()
    for letter in "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ":
        assert ord(letter) in cmap, letter


def test_the_glyphs_are_measured_and_drawn_at_one_size():
    style = stamp_style()
    assert style.text_box_style.font_size == STAMP_FONT_SIZE
    assert style.text_box_style.font.font_size == STAMP_FONT_SIZE
