import datetime

import pytest

from entities.linking import automaton
from entities.models import Alias
from tests.factories import (
    AliasFactory,
    CountryFactory,
    LeaderFactory,
    OfficeFactory,
    OrganizationFactory,
)


@pytest.fixture(autouse=True)
def fresh_matcher():
    """Each test builds its matcher from its own aliases (rolled-back rows must not linger)."""
    automaton.clear_cache()
    yield
    automaton.clear_cache()


def _aliases(entity, *specs):
    for spec in specs:
        text, kind, case_sensitive = (
            spec
            if len(spec) == 3
            else (*spec, False)
            if isinstance(spec, tuple)
            else (
                spec,
                Alias.Kind.NAME,
                False,
            )
        )
        AliasFactory(entity=entity, text=text, kind=kind, case_sensitive=case_sensitive)


@pytest.fixture
def mini_kb(db):
    """A hand-made knowledge base with one example of every alias kind the rules need."""
    K = Alias.Kind
    countries = {}
    for name, a2, a3, extra in [
        ("China", "CN", "CHN", [("Chinese", K.DEMONYM), ("Beijing", K.CAPITAL), ("PRC", K.ACRONYM, True)]),
        ("Belarus", "BY", "BLR", [("Belarusian", K.DEMONYM), ("Minsk", K.CAPITAL)]),
        (
            "Russia",
            "RU",
            "RUS",
            [("Russian", K.DEMONYM), ("Moscow", K.CAPITAL), ("Russian Federation", K.OFFICIAL)],
        ),
        ("Ukraine", "UA", "UKR", [("Ukrainian", K.DEMONYM), ("Kyiv", K.CAPITAL)]),
        (
            "United States",
            "US",
            "USA",
            [
                ("U.S.", K.ACRONYM, True),
                ("US", K.ACRONYM, True),
                ("American", K.DEMONYM),
                ("Washington", K.CAPITAL),
            ],
        ),
        ("Georgia", "GE", "GEO", [("Georgian", K.DEMONYM), ("Tbilisi", K.CAPITAL)]),
        ("Jordan", "JO", "JOR", [("Jordanian", K.DEMONYM), ("Amman", K.CAPITAL)]),
        ("Chad", "TD", "TCD", [("Chadian", K.DEMONYM)]),
        ("Niger", "NE", "NER", []),
        ("Nigeria", "NG", "NGA", [("Nigerian", K.DEMONYM)]),
        ("Guinea", "GN", "GIN", []),
        ("Papua New Guinea", "PG", "PNG", []),
        ("Turkey", "TR", "TUR", [("Türkiye", K.OTHER), ("Turkish", K.DEMONYM), ("Ankara", K.CAPITAL)]),
    ]:
        country = CountryFactory(name=name, iso_alpha2=a2, iso_alpha3=a3)
        _aliases(country, name, *extra)
        countries[name] = country
    leaders = {}
    for name, family, country, start, extra in [
        ("Xi Jinping", "Xi", "China", datetime.date(2013, 3, 14), [("President Xi", K.TITLE)]),
        ("Alexander Lukashenko", "Lukashenko", "Belarus", datetime.date(1994, 7, 20), []),
        ("Vladimir Putin", "Putin", "Russia", datetime.date(2012, 5, 7), []),
        ("Donald Trump", "Trump", "United States", datetime.date(2025, 1, 20), []),
        ("Joe Biden", "Biden", "United States", datetime.date(2021, 1, 20), []),
        ("Volodymyr Zelensky", "Zelensky", "Ukraine", datetime.date(2019, 5, 20), []),
        ("Kim Jong Un", "Kim", None, None, []),
        ("Kim Dae-jung", "Kim", None, None, []),
    ]:
        leader = LeaderFactory(name=name, family_name=family)
        _aliases(leader, name, (family, K.SURNAME, True), *extra)
        leaders[name] = leader
        if country:
            end = datetime.date(2025, 1, 20) if name == "Joe Biden" else None
            OfficeFactory(
                leader=leader,
                country=countries[country],
                title="President",
                start=start,
                end=end,
                is_head_of_state=True,
            )
    trump_first = OfficeFactory(
        leader=leaders["Donald Trump"],
        country=countries["United States"],
        title="President",
        start=datetime.date(2017, 1, 20),
        end=datetime.date(2021, 1, 20),
        is_head_of_state=True,
    )
    orgs = {}
    for name, acronyms in [
        ("Shanghai Cooperation Organization", ["SCO"]),
        ("BRICS", []),
        ("North Atlantic Treaty Organization", ["NATO", "Nato"]),
        ("Belt and Road Initiative", ["BRI"]),
        ("United Nations", ["UN", "U.N."]),
    ]:
        org = OrganizationFactory(name=name, acronym=acronyms[0] if acronyms else "")
        _aliases(org, name, *[(a, K.ACRONYM, True) for a in acronyms])
        orgs[name] = org
    AliasFactory(entity=orgs["Shanghai Cooperation Organization"], text="Shanghai Cooperation Organisation")
    shanghai = CountryFactory(name="Shanghai Testland", iso_alpha2="ZQ", iso_alpha3="ZQQ")
    AliasFactory(entity=shanghai, text="Shanghai")  # only to prove the longest match wins
    return {"countries": countries, "leaders": leaders, "orgs": orgs, "trump_first": trump_first}
