"""Every match rule of the linker, on a small hand-made knowledge base (see conftest.mini_kb)."""

import datetime

import pytest

from entities.linking.automaton import get_matcher
from entities.linking.resolve import resolve, sentence_around
from entities.models import Alias, Country
from tests.factories import AliasFactory, CountryFactory

DAY = datetime.date(2025, 6, 1)


def linked(text, *, title="", on=DAY):
    matcher = get_matcher()
    found = resolve(matcher=matcher, body=text, title=title, on_date=on)
    return [(c.surface, matcher.entity_names[c.entity_id]) for c in found["body"]]


def names(text, **kwargs):
    return {name for _, name in linked(text, **kwargs)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China's exports rose.", {"China"}),
        ("China’s exports rose.", {"China"}),
        ("Belarus' election was criticised.", {"Belarus"}),
        ("The Belarus-China summit ended.", {"Belarus", "China"}),
        ("The Russia-aligned nation voted.", {"Russia"}),
        ("Among U.S.-sanctioned states, trade grew.", {"United States"}),
        ("A Sino-Russian pact was signed.", {"China", "Russia"}),
        ("Dominance by the U.S. is over.", {"United States"}),
        ("The U.N. met on Monday.", {"United Nations"}),
        ("It ended with the U.S.", {"United States"}),
    ],
)
def test_apostrophes_hyphens_and_periods_are_boundaries(mini_kb, text, expected):
    assert names(text) == expected


def test_trailing_period_alias_keeps_its_span(mini_kb):
    # A regex \b after "U.S." would fail before a space; the span must include the period.
    assert linked("Talks with the U.S. stalled.") == [("U.S.", "United States")]


def test_never_inside_a_word(mini_kb):
    assert names("Xi'an is a city. Chinaware and Russians-only clubs.") == set()
    assert names("The Xian airport and Putinism.") == set()


def test_acronyms_are_case_sensitive(mini_kb):
    assert names("Let us go to the un meeting.") == set()
    assert names("The US and the UN agreed.") == {"United States", "United Nations"}


def test_nato_both_spellings(mini_kb):
    nato = mini_kb["orgs"]["North Atlantic Treaty Organization"].name
    assert linked("Nato allies and NATO leaders met.") == [("Nato", nato), ("NATO", nato)]
    assert names("nato") == set()


def test_proper_names_need_their_capital(mini_kb):
    assert names("She collected fine china and roast turkey.") == set()


def test_longest_match_wins(mini_kb):
    assert linked("The Shanghai Cooperation Organisation met.") == [
        ("Shanghai Cooperation Organisation", "Shanghai Cooperation Organisation")
    ]
    assert names("Papua New Guinea and Nigeria signed.") == {"Papua New Guinea", "Nigeria"}


def test_bare_surname_after_full_name(mini_kb):
    assert linked("Alexander Lukashenko arrived. Lukashenko spoke.") == [
        ("Alexander Lukashenko", "Alexander Lukashenko"),
        ("Lukashenko", "Alexander Lukashenko"),
    ]


def test_unique_surname_links_alone(mini_kb):
    assert names("Putin said the talks went well.") == {"Vladimir Putin"}


def test_shared_surname_needs_the_full_name(mini_kb):
    assert names("Kim said the talks went well.") == set()
    assert names("Kim Jong Un visited. Kim said the talks went well.") == {"Kim Jong Un"}


def test_surname_after_a_sentence_end_is_not_after_a_first_name(mini_kb):
    assert names("Pressure came from Washington. Putin spoke after that.") == {"Vladimir Putin"}


def test_surname_of_someone_else(mini_kb):
    assert names("Ivanka Trump spoke at the event.") == set()
    assert names("Putin Lincoln spoke at the event.") == set()


def test_first_name_before_jordan_or_chad_is_a_person(mini_kb):
    assert names("Michael Jordan scored 40 points.") == set()
    assert names("Chad Smith played drums.") == set()
    assert names("Jordan and Chad signed a deal in Amman.") == {"Jordan", "Chad"}


def test_georgia_next_to_atlanta_is_the_us_state(mini_kb):
    assert names("Voters in Atlanta, Georgia, queued for hours.") == set()
    assert names("Georgia's parliament in Tbilisi voted.") == {"Georgia"}


def test_ambiguous_name_without_context_is_a_low_confidence_suggestion(mini_kb):
    found = resolve(matcher=get_matcher(), body="Talks with Chad resumed.", on_date=DAY)["body"]
    assert [(c.surface, c.method) for c in found] == [("Chad", "ambiguous")]
    assert found[0].confidence < 0.85


def test_venue_capital_is_not_the_country(mini_kb):
    assert names("Nato ministers met in Brussels on Tuesday.") == {
        mini_kb["orgs"]["North Atlantic Treaty Organization"].name
    }
    assert "Belgium" in names("Brussels said it would veto the deal.")


def test_capital_as_government_links_country_with_lower_confidence(mini_kb):
    found = resolve(matcher=get_matcher(), body="Beijing said the move was hostile.", on_date=DAY)["body"]
    assert [(c.surface, c.method) for c in found] == [("Beijing", "capital")]
    assert found[0].confidence < 0.85


def test_demonyms_link_the_country(mini_kb):
    assert names("Belarusian goods and Chinese President Xi Jinping.") == {"Belarus", "China", "Xi Jinping"}


def test_regions_are_not_countries(mini_kb):
    assert names("The West and Eastern Europe, Latin American and North American markets.") == set()


def test_title_as_name_resolves_by_office_on_the_date(mini_kb):
    assert linked("The Belarusian president arrived.") == [
        ("Belarusian", "Belarus"),
        ("president", "Alexander Lukashenko"),
    ]
    assert names("Russia's president spoke.") == {"Russia", "Vladimir Putin"}
    assert names("The Chinese leader spoke.") == {"China", "Xi Jinping"}
    assert names("The American president spoke.", on=datetime.date(2023, 5, 1)) == {
        "United States",
        "Joe Biden",
    }
    assert names("The American president spoke.", on=datetime.date(2018, 5, 1)) == {
        "United States",
        "Donald Trump",
    }
    assert names("The former American president spoke.", on=datetime.date(2023, 5, 1)) == {"United States"}


def test_title_and_full_name_make_one_span(mini_kb):
    Alias.objects.get_or_create(
        entity=mini_kb["leaders"]["Xi Jinping"], text="Chinese President Xi", kind="title"
    )
    assert linked("Chinese President Xi Jinping spoke.") == [
        ("Chinese", "China"),
        ("President Xi Jinping", "Xi Jinping"),
    ]


def test_title_followed_by_a_name_links_the_name(mini_kb):
    assert linked("Russian President Vladimir Putin spoke.") == [
        ("Russian", "Russia"),
        ("Vladimir Putin", "Vladimir Putin"),
    ]


def test_title_case_headline_keeps_names(mini_kb):
    matcher = get_matcher()
    found = resolve(
        matcher=matcher, title="Xi Jinping Meets Lukashenko In Chad Summit", body="", on_date=DAY
    )["title"]
    assert {matcher.entity_names[c.entity_id] for c in found} == {
        "Xi Jinping",
        "Alexander Lukashenko",
        "Chad",
    }


def test_alias_shared_by_two_entities_needs_the_story_to_pick_one(mini_kb):
    congo = Country.objects.filter(iso_alpha2="CG").first() or CountryFactory(name="Republic of the Congo")
    drc = Country.objects.filter(iso_alpha2="CD").first() or CountryFactory(
        name="Democratic Republic of the Congo"
    )
    drc.name = "Democratic Republic of the Congo"
    for country in (congo, drc):
        Alias.objects.get_or_create(entity=country, text=country.name)
        Alias.objects.get_or_create(entity=country, text="Congolese", kind="demonym")
    assert names("Congolese troops moved.") == set()
    assert names("In the Democratic Republic of the Congo, Congolese troops moved.") == {
        "Democratic Republic of the Congo"
    }


def test_evidence_sentence_ignores_abbreviation_periods(mini_kb):
    text = "Trade grew. Pressure from the U.S. rose on Mr. Putin today. Then it fell."
    start = text.index("Putin")
    assert sentence_around(text, start, start + 5) == "Pressure from the U.S. rose on Mr. Putin today."


def test_matcher_rebuilds_when_aliases_change(mini_kb):
    assert [s for s, _ in linked("Belarus, Minsk and Grodno.")] == ["Belarus", "Minsk"]
    AliasFactory(entity=mini_kb["countries"]["Belarus"], text="Grodno", kind="other")
    assert [s for s, _ in linked("Belarus, Minsk and Grodno.")] == ["Belarus", "Minsk", "Grodno"]
