import datetime

import pytest
from django.utils.text import slugify

from entities.linking import automaton
from entities.models import Alias, Country, Leader, Office, Organization
from tests.factories import CountryFactory, LeaderFactory, OrganizationFactory


@pytest.fixture(autouse=True)
def fresh_matcher():
    """Each test builds its matcher from its own aliases (rolled-back rows must not linger)."""
    automaton.clear_cache()
    yield
    automaton.clear_cache()


K = Alias.Kind


def _alias(entity, text, kind=K.NAME, case_sensitive=False):
    Alias.objects.get_or_create(
        entity=entity, text=text, defaults={"kind": kind, "case_sensitive": case_sensitive}
    )


def _country(name, alpha2, alpha3):
    """The shipped knowledge base's country when it is loaded, else a hand-made one."""
    country = Country.objects.filter(iso_alpha2=alpha2).first()
    if country is None:
        country = CountryFactory(name=name, slug=slugify(name), iso_alpha2=alpha2, iso_alpha3=alpha3)
    _alias(country, name)
    return country


def _leader(name, family_name):
    leader = Leader.objects.filter(name=name).first() or LeaderFactory(
        name=name, slug=slugify(name), family_name=family_name
    )
    _alias(leader, name)
    _alias(leader, family_name, K.SURNAME, True)
    return leader


def _office(leader, country, start, end=None):
    Office.objects.get_or_create(
        leader=leader,
        country=country,
        title="President",
        start=start,
        defaults={"end": end, "is_head_of_state": True},
    )


@pytest.fixture
def mini_kb(db):
    """A small knowledge base with an example of every alias kind the rules need.

    Uses the shipped knowledge base's rows where it is loaded and makes the rest by hand, so
    the rules are tested the same way with or without it.
    """
    countries = {}
    for name, a2, a3, extra in [
        ("China", "CN", "CHN", [("Chinese", K.DEMONYM), ("Beijing", K.CAPITAL), ("PRC", K.ACRONYM, True)]),
        ("Belarus", "BY", "BLR", [("Belarusian", K.DEMONYM), ("Minsk", K.CAPITAL)]),
        ("Russia", "RU", "RUS", [("Russian", K.DEMONYM), ("Moscow", K.CAPITAL)]),
        ("Ukraine", "UA", "UKR", [("Ukrainian", K.DEMONYM), ("Kyiv", K.CAPITAL)]),
        (
            "United States",
            "US",
            "USA",
            [("U.S.", K.ACRONYM, True), ("US", K.ACRONYM, True), ("American", K.DEMONYM)],
        ),
        ("Georgia", "GE", "GEO", [("Georgian", K.DEMONYM), ("Tbilisi", K.CAPITAL)]),
        ("Jordan", "JO", "JOR", [("Jordanian", K.DEMONYM), ("Amman", K.CAPITAL)]),
        ("Chad", "TD", "TCD", [("Chadian", K.DEMONYM)]),
        ("Niger", "NE", "NER", []),
        ("Nigeria", "NG", "NGA", [("Nigerian", K.DEMONYM)]),
        ("Guinea", "GN", "GIN", []),
        ("Papua New Guinea", "PG", "PNG", []),
        ("Belgium", "BE", "BEL", [("Brussels", K.CAPITAL, True)]),
    ]:
        country = _country(name, a2, a3)
        for spec in extra:
            _alias(country, *spec)
        countries[name] = country
    if not Alias.objects.filter(text="Washington").exists():
        _alias(countries["United States"], "Washington", K.CAPITAL, True)
    leaders = {
        "Xi Jinping": _leader("Xi Jinping", "Xi"),
        "Alexander Lukashenko": _leader("Alexander Lukashenko", "Lukashenko"),
        "Vladimir Putin": _leader("Vladimir Putin", "Putin"),
        "Donald Trump": _leader("Donald Trump", "Trump"),
        "Joe Biden": _leader("Joe Biden", "Biden"),
        "Kim Jong Un": _leader("Kim Jong Un", "Kim"),
        "Kim Dae-jung": _leader("Kim Dae-jung", "Kim"),
    }
    _alias(leaders["Xi Jinping"], "President Xi", K.TITLE)
    _office(leaders["Xi Jinping"], countries["China"], datetime.date(2013, 3, 14))
    _office(leaders["Alexander Lukashenko"], countries["Belarus"], datetime.date(1994, 7, 20))
    _office(leaders["Vladimir Putin"], countries["Russia"], datetime.date(2012, 5, 7))
    _office(leaders["Donald Trump"], countries["United States"], datetime.date(2025, 1, 20))
    _office(
        leaders["Donald Trump"],
        countries["United States"],
        datetime.date(2017, 1, 20),
        datetime.date(2021, 1, 20),
    )
    _office(
        leaders["Joe Biden"],
        countries["United States"],
        datetime.date(2021, 1, 20),
        datetime.date(2025, 1, 20),
    )

    orgs = {}
    for name, slug, acronyms in [
        ("Shanghai Cooperation Organisation", "shanghai-cooperation-organisation", ["SCO"]),
        ("BRICS", "brics", []),
        ("North Atlantic Treaty Organization", "nato", ["NATO", "Nato"]),
        ("Belt and Road Initiative", "belt-and-road-initiative", ["BRI"]),
        ("United Nations", "united-nations", ["UN", "U.N."]),
    ]:
        org = Organization.objects.filter(slug=slug).first() or OrganizationFactory(name=name, slug=slug)
        _alias(org, org.name)
        for acronym in acronyms:
            _alias(org, acronym, K.ACRONYM, True)
        orgs[name] = org
    # Only there to prove that the longest match wins over "Shanghai".
    _alias(CountryFactory(name="Shanghai Testland", slug="shanghai-testland"), "Shanghai")
    return {"countries": countries, "leaders": leaders, "orgs": orgs}
