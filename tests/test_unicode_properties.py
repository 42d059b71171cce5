"""Property tests: Unicode invariants of slugs, keys and displayed text (hypothesis)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsarchive.content.articles import parse_article
from newsarchive.core.arabic import to_display, to_key
from newsarchive.core.slugs import slugify

BIDI_AND_ZERO_WIDTH = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\u200b\u200c\u200d\u200e\u200f\ufeff"
KEEP_IN_DISPLAY = "\u200c\u200d\u200e\u200f\u061c"  # ZWNJ, ZWJ, LRM, RLM, ALM
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MIXED = st.text(
    alphabet=st.one_of(
        ARABIC, st.characters(codec="utf-8"), st.sampled_from(BIDI_AND_ZERO_WIDTH + "\u0640 -_./")
    ),
    max_size=60,
)


@given(MIXED)
def test_slugs_have_no_bidi_zero_width_or_tatweel(text: str) -> None:
    slug = slugify(text)
    assert not set(slug) & set(BIDI_AND_ZERO_WIDTH + "\u0640")
    assert "/" not in slug and " " not in slug
    assert unicodedata.is_normalized("NFC", slug)


@given(MIXED)
def test_slug_is_the_same_for_nfd_and_nfc_input(text: str) -> None:
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(
        unicodedata.normalize("NFC", text)
    )


@given(MIXED)
def test_slugify_is_idempotent(text: str) -> None:
    assert slugify(slugify(text)) == slugify(text)


@given(MIXED)
def test_display_form_keeps_joiners_and_marks(text: str) -> None:
    shown = to_display(text)
    assert shown == unicodedata.normalize("NFC", text)
    for ch in KEEP_IN_DISPLAY:
        assert shown.count(ch) == text.count(ch)


@given(MIXED)
def test_key_form_is_stable_under_normalisation(text: str) -> None:
    assert to_key(unicodedata.normalize("NFD", text)) == to_key(unicodedata.normalize("NFC", text))
    assert "\u0640" not in to_key(text)


@settings(max_examples=200)
@given(
    st.text(
        alphabet=st.one_of(ARABIC, st.sampled_from(KEEP_IN_DISPLAY + "أإآ ")),
        min_size=1,
        max_size=40,
    )
)
def test_article_text_is_displayed_as_written(title_text: str) -> None:
    title = " ".join(title_text.split()) or "x"
    body = "نص\u200cفيه\u200f علامات"
    text = f'---\ntitle: "{title}"\ndate: "2020"\n---\n{body}\n'
    article, diags = parse_article(text, "ar/2020/a.md")
    assert diags == ()
    assert article is not None
    assert article.title == unicodedata.normalize("NFC", title)
    assert article.body == body
