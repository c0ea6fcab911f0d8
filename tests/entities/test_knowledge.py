import datetime
import io
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from entities.knowledge import KNOWLEDGE_DIR, load_knowledge_base
from entities.models import Alias, Country, Entity, Leader, Membership, Office, Organization
from tests.factories import (
    AliasFactory,
    CountryFactory,
    LeaderFactory,
    MembershipFactory,
    OrganizationFactory,
)

pytestmark = pytest.mark.django_db

ORGANIZATIONS = {
    "BRICS",
    "SCO",
    "NATO",
    "EU",
    "UN",
    "BRI",
    "CSTO",
    "EAEU",
    "G7",
    "G20",
    "ASEAN",
    "AU",
    "CIS",
    "OPEC",
    "WTO",
    "IMF",
}


def history_rows():
    return sum(model.history.count() for model in (Entity, Country, Leader, Organization, Office, Membership))


def test_session_load_created_everything_once(knowledge_base):
    assert knowledge_base["country"]["created"] >= 249
    assert knowledge_base["organization"]["created"] == 18
    assert knowledge_base["leader"]["created"] >= 40
    assert Country.objects.filter(is_curated=True).count() >= 249


def test_every_curated_organization_is_there(knowledge_base):
    acronyms = set(Organization.objects.values_list("acronym", flat=True))
    assert acronyms >= ORGANIZATIONS
    names = set(Organization.objects.values_list("name", flat=True))
    assert {"World Bank", "Union State of Russia and Belarus", "Shanghai Cooperation Organisation"} <= names
    assert not Organization.objects.filter(summary="").exists()
    assert not Leader.objects.filter(is_curated=True, summary="").exists()


def test_countries_have_common_names_flags_and_package_facts(knowledge_base):
    for alpha2, name in [
        ("RU", "Russia"),
        ("IR", "Iran"),
        ("TR", "Türkiye"),
        ("CI", "Ivory Coast"),
        ("KR", "South Korea"),
        ("KP", "North Korea"),
        ("SY", "Syria"),
        ("VN", "Vietnam"),
        ("CD", "Democratic Republic of the Congo"),
        ("CG", "Republic of the Congo"),
        ("GB", "United Kingdom"),
    ]:
        assert Country.objects.get(iso_alpha2=alpha2).name == name
    belarus = Country.objects.get(iso_alpha2="BY")
    assert (belarus.slug, belarus.iso_alpha3, belarus.capital) == ("belarus", "BLR", "Minsk")
    assert belarus.flag == "🇧🇾"
    assert "Belarusian" in belarus.demonyms
    assert belarus.region == "Europe"
    assert belarus.wikidata_id == "Q184"
    # Corrected in countries.json: countryinfo still has Nur-Sultan and "Chinese" for Hong Kong.
    assert Country.objects.get(iso_alpha2="KZ").capital == "Astana"
    assert "Chinese" not in Country.objects.get(iso_alpha2="HK").demonyms


def test_belarus_memberships(knowledge_base):
    belarus = Country.objects.get(iso_alpha2="BY")
    sco = belarus.memberships.get(organization__acronym="SCO")
    assert (sco.status, sco.since, sco.until) == ("member", datetime.date(2024, 7, 4), None)
    brics = belarus.memberships.get(organization__acronym="BRICS")
    assert (brics.status, brics.since) == ("partner", datetime.date(2025, 1, 1))
    assert sco.source_note and brics.source_note
    assert belarus.memberships.filter(organization__acronym="CSTO", status="founding_member").exists()
    assert not belarus.memberships.filter(organization__acronym="NATO").exists()


def test_member_lists(knowledge_base):
    nato = Organization.objects.get(slug="nato")
    assert nato.memberships.exclude(status="applicant").count() == 32
    assert nato.memberships.get(country__iso_alpha2="SE").since == datetime.date(2024, 3, 7)
    uk_in_eu = Membership.objects.get(organization__slug="european-union", country__iso_alpha2="GB")
    assert uk_in_eu.until == datetime.date(2020, 1, 31)
    assert (
        Organization.objects.get(slug="european-union")
        .memberships.filter(until=None)
        .exclude(status="applicant")
        .count()
        == 27
    )
    assert Organization.objects.get(slug="african-union").memberships.count() == 55
    assert not Membership.objects.filter(source_note="").exists()


def test_offices(knowledge_base):
    xi = Leader.objects.get(slug="xi-jinping")
    president = xi.offices.get(title="President")
    assert (president.country.iso_alpha2, president.is_head_of_state, president.end) == ("CN", True, None)
    lukashenko = Office.objects.get(leader__family_name="Lukashenko", title="President")
    assert lukashenko.country.name == "Belarus"
    assert lukashenko.start == datetime.date(1994, 7, 20)
    biden = Office.objects.get(leader__slug="joe-biden", title="President")
    assert (biden.start, biden.end) == (datetime.date(2021, 1, 20), datetime.date(2025, 1, 20))
    japan_pms = Office.objects.filter(country__iso_alpha2="JP", title="Prime Minister", end=None)
    assert [office.leader.name for office in japan_pms] == ["Sanae Takaichi"]
    assert not Office.objects.filter(source_note="").exists()


def test_current_heads_of_every_g20_country_and_belarus(knowledge_base):
    g20 = Membership.objects.filter(organization__slug="g20").values_list("country__iso_alpha2", flat=True)
    for alpha2 in [*g20, "BY"]:
        current = Office.objects.filter(country__iso_alpha2=alpha2, end=None)
        assert current.filter(is_head_of_state=True).exists(), alpha2
        assert current.filter(is_head_of_government=True).exists(), alpha2


@pytest.mark.parametrize(
    ("entity_slug", "text", "kind", "case_sensitive"),
    [
        ("united-states", "U.S.", "acronym", True),
        ("united-states", "US", "acronym", True),
        ("united-states", "America", "name", True),
        ("united-states", "American", "demonym", True),
        ("united-states", "Washington", "capital", True),
        ("united-states", "United States", "name", False),
        ("united-kingdom", "Britain", "name", True),
        ("united-kingdom", "U.K.", "acronym", True),
        ("turkiye", "Turkey", "name", True),
        ("united-arab-emirates", "UAE", "acronym", True),
        ("democratic-republic-of-the-congo", "DRC", "acronym", True),
        ("belarus", "Belarus", "name", False),
        ("belarus", "Minsk", "capital", True),
        ("china", "Chinese", "demonym", True),
        ("ukraine", "Kyiv", "capital", True),
        ("nato", "NATO", "acronym", True),
        ("nato", "Nato", "acronym", True),
        ("shanghai-cooperation-organisation", "Shanghai Cooperation Organization", "name", False),
        ("shanghai-cooperation-organisation", "SCO", "acronym", True),
        ("european-union", "EU", "acronym", True),
        ("xi-jinping", "Xi", "surname", True),
        ("xi-jinping", "President Xi", "title", False),
        ("alexander-lukashenko", "Lukashenko", "surname", True),
        ("vladimir-putin", "President Putin", "title", False),
        ("donald-trump", "Trump", "surname", True),
    ],
)
def test_aliases(knowledge_base, entity_slug, text, kind, case_sensitive):
    alias = Alias.objects.get(entity__slug=entity_slug, text=text)
    assert (alias.kind, alias.case_sensitive, alias.is_curated) == (kind, case_sensitive, True)


def test_ambiguous_and_regional_words_are_not_aliases(knowledge_base):
    # Two Congos and two Dominicas share a demonym: neither gets it.
    assert not Alias.objects.filter(text__in=["Congolese", "Dominican"]).exists()
    assert not Alias.objects.filter(text__in=["the West", "Eastern Europe", "Europe"]).exists()
    # ISO codes from countryinfo's spellings ("IN", "BLR") are not names.
    assert not Alias.objects.filter(text__in=["IN", "BLR", "IT", "NO"]).exists()
    # A former office holder's title yields to the current one.
    assert list(Alias.objects.filter(text="Premier Li").values_list("entity__slug", flat=True)) == [
        "li-qiang"
    ]


def test_second_load_changes_nothing(knowledge_base):
    before = history_rows()
    aliases = list(Alias.objects.order_by("pk").values_list("pk", "text", "kind", "case_sensitive"))
    counts = load_knowledge_base()
    for kind in ("country", "organization", "leader", "alias", "office", "membership"):
        assert counts[kind]["created"] == counts[kind]["updated"] == 0, kind
        assert counts[kind].get("deleted", 0) == 0, kind
    assert counts["country"]["unchanged"] == knowledge_base["country"]["created"]
    assert history_rows() == before
    assert list(Alias.objects.order_by("pk").values_list("pk", "text", "kind", "case_sensitive")) == aliases


def test_reload_repairs_curated_rows_and_keeps_editor_rows(knowledge_base):
    belarus = Country.objects.get(iso_alpha2="BY")
    belarus.capital = "Pinsk"
    belarus.save()
    Alias.objects.filter(entity=belarus, text="Minsk").delete()
    editor_alias = AliasFactory(entity=belarus, text="Bellarus", kind="other")
    editor_country = CountryFactory(name="Freedonia")
    editor_org = OrganizationFactory(name="Freedonian League")
    editor_membership = MembershipFactory(organization=editor_org, country=belarus)
    curated_membership = Membership.objects.get(organization__acronym="SCO", country=belarus)
    # An editor who takes over a curated row (is_curated off) keeps their version.
    curated_membership.is_curated = False
    curated_membership.since = datetime.date(2024, 7, 5)
    curated_membership.save()
    history_before = history_rows()

    counts = load_knowledge_base()

    assert counts["country"]["updated"] == 1
    assert counts["alias"]["created"] == 1
    assert counts["membership"]["skipped"] == 1
    belarus.refresh_from_db()
    assert belarus.capital == "Minsk"
    assert Alias.objects.filter(entity=belarus, text="Minsk", kind="capital").exists()
    assert Alias.objects.filter(pk=editor_alias.pk).exists()
    assert Entity.objects.filter(pk__in=[editor_country.pk, editor_org.pk]).count() == 2
    assert Membership.objects.filter(pk=editor_membership.pk).exists()
    curated_membership.refresh_from_db()
    assert curated_membership.since == datetime.date(2024, 7, 5)
    assert history_rows() == history_before + 1


def test_editor_entity_with_a_curated_slug_is_left_alone():
    # A fresh database where an editor created "NATO" before the first load.
    Entity.objects.filter(is_curated=True).delete()
    nato = OrganizationFactory(name="NATO", slug="nato", summary="Editor's own summary.")
    counts = load_knowledge_base()
    assert counts["organization"]["skipped"] == 1
    nato.refresh_from_db()
    assert (nato.summary, nato.is_curated) == ("Editor's own summary.", False)
    assert not Membership.objects.filter(organization=nato).exists()
    assert not nato.aliases.exists()


def test_stale_curated_facts_are_removed_when_the_data_drops_them(knowledge_base, tmp_path):
    for name in ("countries.json", "organizations.json", "leaders.json"):
        shutil.copy(KNOWLEDGE_DIR / name, tmp_path / name)
    organizations = json.loads((tmp_path / "organizations.json").read_text())
    brics = next(item for item in organizations if item["slug"] == "brics")
    for group in brics["members"]:
        group["countries"] = [alpha2 for alpha2 in group["countries"] if alpha2 != "BY"]
    brics["aliases"] = []
    (tmp_path / "organizations.json").write_text(json.dumps(organizations))

    counts = load_knowledge_base(directory=tmp_path)

    assert counts["membership"]["deleted"] == 1
    assert not Membership.objects.filter(organization__slug="brics", country__iso_alpha2="BY").exists()
    assert set(Alias.objects.filter(entity__slug="brics").values_list("text", flat=True)) == {"BRICS"}


def test_load_entities_command(knowledge_base):
    out = io.StringIO()
    call_command("load_entities", stdout=out)
    text = out.getvalue()
    assert "Country: 0 created, 0 updated" in text
    assert "0 rows changed" in text

    Country.objects.filter(iso_alpha2="BY").update(capital="Pinsk")
    out = io.StringIO()
    call_command("load_entities", verbosity=2, stdout=out)
    assert "Updated country Belarus: capital." in out.getvalue()

    out = io.StringIO()
    call_command("load_entities", verbosity=0, stdout=out)
    assert out.getvalue() == ""


def test_factories_reuse_shipped_entities(knowledge_base):
    assert CountryFactory(name="Belarus") == Country.objects.get(iso_alpha2="BY")
    assert OrganizationFactory(name="NATO").acronym == "NATO"
    assert LeaderFactory(name="Xi Jinping").offices.filter(title="President").exists()
    assert CountryFactory().is_curated is False


def test_dry_run_counts_but_writes_nothing(knowledge_base):
    Country.objects.filter(iso_alpha2="BY").update(capital="Pinsk")
    out = io.StringIO()
    call_command("load_entities", dry_run=True, stdout=out)
    assert "Country: 0 created, 1 updated" in out.getvalue()
    assert "1 rows would change; nothing written" in out.getvalue()
    assert Country.objects.get(iso_alpha2="BY").capital == "Pinsk"


def test_package_spellings_that_are_ordinary_words_are_dropped(knowledge_base):
    # countryinfo lists "Island" for Iceland and "Nippon" for Japan (as in Nippon Steel).
    assert not Alias.objects.filter(text__in=["Island", "Nippon", "Suisse", "Emirates"]).exists()
    assert Alias.objects.filter(entity__slug="iceland", text="Iceland").exists()


def test_tests_without_the_fixture_see_an_empty_knowledge_base():
    # Last in this module, yet the collection hook runs it before every test that loads the
    # knowledge base: tests that build their own entities can count them.
    assert not Entity.objects.filter(is_curated=True).exists()


def test_a_typo_in_a_country_code_refuses_the_load(tmp_path, monkeypatch):
    for name in ("countries.json", "organizations.json", "leaders.json"):
        shutil.copy(KNOWLEDGE_DIR / name, tmp_path / name)
    organizations = json.loads((tmp_path / "organizations.json").read_text())
    organizations[0]["members"][0]["countries"].append("BYE")
    (tmp_path / "organizations.json").write_text(json.dumps(organizations))
    monkeypatch.setattr("entities.knowledge.KNOWLEDGE_DIR", tmp_path)
    with pytest.raises(CommandError, match="brics: unknown country 'BYE'"):
        call_command("load_entities")
    assert not Entity.objects.filter(is_curated=True).exists()


def test_wikidata_ids_are_unique(knowledge_base):
    ids = list(Entity.objects.exclude(wikidata_id="").values_list("wikidata_id", flat=True))
    assert len(ids) == len(set(ids)) > 100
