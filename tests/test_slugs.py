"""Slugs for headlines and names in any script."""

import pytest

from newsroom.slugs import ascii_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Belarus joins the SCO", "belarus-joins-the-sco"),
        ("Лукашенко встретился с Си Цзиньпином", "lukashenko-vstretilsya-s-si-tszinpinom"),
        ("Україна та ЄС", "ukraina-ta-ies"),
        ("Ελλάδα", "ellada"),
        ("Café “quotes” – dash", "cafe-quotes-dash"),
    ],
)
def test_transliterates_before_slugifying(text, slug):
    assert ascii_slug(text) == slug


def test_chinese_headline_gets_a_readable_slug_not_the_fallback():
    assert ascii_slug("习近平会见卢卡申科") == "xijinpinghuijianlukashenke"


def test_fallback_and_length():
    assert ascii_slug("!!! ???") == "story"
    assert ascii_slug("", fallback="source") == "source"
    long = ascii_slug("word " * 40, max_length=30)
    assert len(long) <= 30 and not long.endswith("-") and long.startswith("word-word")
