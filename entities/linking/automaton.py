"""The matcher: one Aho-Corasick automaton over every alias of every entity.

Built once per process and cached. Every process checks a cheap *version* before using it
(a counter in Django's cache, bumped whenever an alias, entity or office changes, plus a
fingerprint of the alias table that also catches bulk loads that send no signals), so any
number of web workers and task workers agree on the aliases without restarting.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import ahocorasick
from django.core.cache import cache
from django.db.models import Count, Max

from entities.models import Alias, Country, Entity, Leader, Office

VERSION_KEY = "entities:linking:aliases-version"

# Curly apostrophes and the like become a straight one; same length so offsets stay valid.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_CURLY = ("\u2019", "\u2018", "\u02bc", "\u2032")


def straighten(text: str) -> str:
    """Curly apostrophes become straight ones (str.replace: far faster than str.translate)."""
    for curly in _CURLY:
        if curly in text:
            text = text.replace(curly, "'")
    return text


def normalize(text: str) -> str:
    """Lower-case ``text`` for matching without changing its length (offsets must stay valid)."""
    lowered = straighten(text).lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters ("İ") lower-case into two; keep those as they are.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text.translate(_APOSTROPHES))


@dataclass(frozen=True, slots=True)
class AliasEntry:
    alias_id: int | None
    entity_id: int | None  # None: a blocking phrase (a region) that matches and links nothing
    kind: str
    text: str
    case_sensitive: bool
    entity_kind: str = ""
    key: str = ""  # the normalised text the automaton matched


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    leader_id: int
    country_id: int
    title: str
    head_of_state: bool
    head_of_government: bool
    start: object
    end: object


@dataclass
class Matcher:
    """The automaton plus the few facts the context rules need, all read in one build."""

    automaton: ahocorasick.Automaton
    version: tuple
    entity_names: dict[int, str] = field(default_factory=dict)
    entity_kinds: dict[int, str] = field(default_factory=dict)
    # Leaders by surname (lower-cased): used to decide whether a bare surname is unique.
    surname_leaders: dict[str, set[int]] = field(default_factory=dict)
    offices: dict[int, list[OfficeTerm]] = field(default_factory=dict)  # by country id
    alias_count: int = 0

    def iter_matches(self, text: str):
        """Yield ``(start, end, entries)`` for every alias occurrence in ``text``, unfiltered."""
        lowered = normalize(text)
        for end_index, (length, entries) in self.automaton.iter(lowered):
            yield end_index + 1 - length, end_index + 1, entries


# Phrases that contain a country name or demonym but name a region: they match (so the
# longest-match rule drops the country inside them) and link nothing.
REGION_PHRASES = [
    "the West",
    "Western Europe",
    "Eastern Europe",
    "Central Europe",
    "Southern Europe",
    "Northern Europe",
    "Latin America",
    "Latin American",
    "South America",
    "South American",
    "North America",
    "North American",
    "Central America",
    "Central American",
    "Central Asia",
    "Central Asian",
    "East Asia",
    "East Asian",
    "South Asia",
    "South Asian",
    "Southeast Asia",
    "Southeast Asian",
    "Asia-Pacific",
    "Indo-Pacific",
    "Middle East",
    "Middle Eastern",
    "North Africa",
    "North African",
    "West Africa",
    "West African",
    "East Africa",
    "East African",
    "Sub-Saharan Africa",
    "Horn of Africa",
    "Korean Peninsula",
    "Persian Gulf",
    "Sea of Japan",
    "South China Sea",
    "East China Sea",
    "Gulf of Mexico",
    "Arab world",
    "New England",
    "New Mexico",
    "New Jersey",
    "Washington state",
    "Washington Post",
    "Guinea pig",
    "Guinea fowl",
    "Turkey Point",
    "Niger Delta",
    "Niger River",
    "Congo River",
    "Congo Basin",
    "Jordan River",
    "Jordan Valley",
    "Georgia Tech",
    "Chinatown",
    "Indian Ocean",
    "American Samoa",
    "Native American",
    "Native Americans",
    "African American",
    "African Americans",
    "Mexico City",
    "Kuwait City",
    "Panama City",
    "Vatican City",
    "Panama Canal",
]

# Combining forms that name a country only before a hyphen ("Sino-Russian", "Russo-Ukrainian").
COMBINING_FORMS = {"Sino": "CN", "Russo": "RU", "Franco": "FR"}

_lock = threading.Lock()
_matcher: Matcher | None = None
_local_generation = 0


def bump_version() -> None:
    """Tell every process the aliases changed (called from signals on save and delete)."""
    global _local_generation
    _local_generation += 1
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, timeout=None)


def current_version() -> tuple:
    """A cheap fingerprint: the shared counter, this process's counter and the alias table."""
    stats = Alias.objects.aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at"))
    return (cache.get(VERSION_KEY, 0), _local_generation, stats["n"], stats["last"], stats["changed"])


def get_matcher(*, version: tuple | None = None) -> Matcher:
    """The process's matcher, rebuilt when the aliases' version moved on."""
    global _matcher
    version = version if version is not None else current_version()
    matcher = _matcher
    if matcher is not None and matcher.version == version:
        return matcher
    with _lock:
        if _matcher is None or _matcher.version != version:
            _matcher = build_matcher(version=version)
        return _matcher


def clear_cache() -> None:
    global _matcher
    _matcher = None


def build_matcher(*, version: tuple = ()) -> Matcher:
    automaton = ahocorasick.Automaton()
    keyed: dict[str, list[AliasEntry]] = {}
    entity_kinds = dict(Entity.objects.values_list("pk", "kind"))
    entity_names = dict(Entity.objects.values_list("pk", "name"))
    count = 0
    for alias_id, entity_id, kind, text, case_sensitive in Alias.objects.values_list(
        "pk", "entity_id", "kind", "text", "case_sensitive"
    ).iterator(chunk_size=5000):
        text = text.strip()
        if not text:
            continue
        count += 1
        key = normalize(text)
        entry = AliasEntry(
            alias_id, entity_id, kind, text, case_sensitive, entity_kinds.get(entity_id, ""), key
        )
        keyed.setdefault(key, []).append(entry)
    for form, iso in COMBINING_FORMS.items():
        country_id = Country.objects.filter(iso_alpha2=iso).values_list("pk", flat=True).first()
        if country_id is not None:
            keyed.setdefault(normalize(form), []).append(
                AliasEntry(None, country_id, "combining", form, False, Entity.Kind.COUNTRY, normalize(form))
            )
    for phrase in REGION_PHRASES:
        keyed.setdefault(normalize(phrase), []).append(
            AliasEntry(None, None, "region", phrase, case_sensitive=False, key=normalize(phrase))
        )
    for key, entries in keyed.items():
        automaton.add_word(key, (len(key), tuple(entries)))
    if keyed:
        automaton.make_automaton()

    surname_leaders: dict[str, set[int]] = {}
    for leader_id, family_name in Leader.objects.exclude(family_name="").values_list("pk", "family_name"):
        surname_leaders.setdefault(normalize(family_name), set()).add(leader_id)
    for entries in keyed.values():
        for entry in entries:
            if entry.kind == Alias.Kind.SURNAME:
                surname_leaders.setdefault(normalize(entry.text), set()).add(entry.entity_id)

    offices: dict[int, list[OfficeTerm]] = {}
    for office in Office.objects.values(
        "leader_id", "country_id", "title", "is_head_of_state", "is_head_of_government", "start", "end"
    ):
        offices.setdefault(office["country_id"], []).append(
            OfficeTerm(
                office["leader_id"],
                office["country_id"],
                office["title"].lower(),
                office["is_head_of_state"],
                office["is_head_of_government"],
                office["start"],
                office["end"],
            )
        )
    return Matcher(
        automaton=automaton,
        version=version,
        entity_names=entity_names,
        entity_kinds=entity_kinds,
        surname_leaders=surname_leaders,
        offices=offices,
        alias_count=count,
    )
