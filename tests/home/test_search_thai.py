"""Thai word segmentation for the index and for queries (no database needed)."""

import pytest

from home.search.thai import (
    MAX_QUERY_TERMS,
    autocomplete_alternatives,
    index_text,
    query_terms,
    word_parts,
)


def test_thai_query_is_split_into_words_without_stop_words():
    assert query_terms("การขายสินค้าออนไลน์") == ["ขาย", "สินค้า", "ออนไลน์"]


def test_a_query_of_stop_words_only_keeps_them():
    assert query_terms("การ") == ["การ"]


def test_english_and_mixed_queries_keep_their_words():
    assert query_terms("Selling ONLINE") == ["selling", "online"]
    assert query_terms("ขายบน Facebook") == ["ขาย", "facebook"]


@pytest.mark.parametrize(
    "junk",
    ["", "   ", "!!!", "?*()\"'", "่่่", "ั", "\u0301", "\u200b\u200c\u200d\ufeff", "๛ๆฯ", "\x00\x1f"],
)
def test_symbols_marks_and_invisible_characters_leave_no_words(junk):
    assert query_terms(junk) == []
    assert autocomplete_alternatives(junk) == []


def test_zero_width_space_inside_a_word_does_not_break_it():
    assert query_terms("สิน\u200bค้า") == ["สินค้า"]


def test_query_terms_are_safe_for_full_text_syntax():
    terms = query_terms('"ขาย" OR สินค้า* -(online) AND:title')
    assert terms == ["ขาย", "or", "สินค้า", "online", "and", "title"]


def test_long_queries_are_capped():
    assert len(query_terms(" ".join(f"word{n}" for n in range(50)))) == MAX_QUERY_TERMS


def test_index_text_segments_thai_and_keeps_other_scripts():
    text = index_text("ขายสินค้าบน Facebook Fanpage, e-commerce")
    assert text == "ขาย สินค้า บน Facebook Fanpage, e-commerce"


def test_compounds_are_indexed_with_their_common_words():
    assert word_parts("ยอดขาย") == ("ยอด", "ขาย")
    assert word_parts("การตลาด") == ("การ", "ตลาด")
    assert "ขาย" in index_text("ขายของออนไลน์").split()


@pytest.mark.parametrize("word", ["ชุมชน", "ออนไลน์", "บรรจุภัณฑ์", "สินค้า", "ราคา"])
def test_words_are_not_cut_into_syllables(word):
    assert word_parts(word) == ()


def test_repetition_mark_is_dropped():
    assert index_text("ดีๆ") == "ดี"
    assert query_terms("ง่ายๆ") == ["ง่าย"]


def test_half_typed_thai_word_is_also_tried_as_typed():
    assert ["สินค"] in autocomplete_alternatives("สินค")
