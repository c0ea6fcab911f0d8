"""Context rules: turn raw alias hits into linked entities with a confidence and a method.

The rules follow what good news taggers do: whole words only (apostrophes and hyphens are
boundaries, "U.S." keeps its final period), exact case for acronyms, the longest match wins,
bare surnames need a fuller mention or a unique surname, ambiguous names need context, a
capital used as a government names its country with less confidence, regions link nothing, and
a title used as a name ("the Belarusian president") resolves through the offices held on the
story's date.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from operator import attrgetter, itemgetter

from entities.models import Alias, Entity

from .automaton import COMBINING_FORMS, AliasEntry, Matcher, normalize, straighten

# Confidence by the kind of alias that matched. At or above the auto-confirm threshold
# (settings, 0.85 by default) a suggestion is confirmed without an editor.
CONFIDENCE = {
    Alias.Kind.OFFICIAL: 0.97,
    Alias.Kind.NAME: 0.95,
    Alias.Kind.TITLE: 0.95,
    Alias.Kind.ACRONYM: 0.93,
    Alias.Kind.OTHER: 0.92,
    Alias.Kind.DEMONYM: 0.9,
}
SURNAME_AFTER_FULL_NAME = 0.93
SURNAME_UNIQUE = 0.88
OFFICE_TITLE = 0.87
CAPITAL_AS_GOVERNMENT = 0.7
CAPITAL_AS_PLACE = 0.6
AMBIGUOUS_WITH_CONTEXT = 0.9
AMBIGUOUS_WITHOUT_CONTEXT = 0.65
COMBINING_FORM = 0.9

# Names that are also people, places elsewhere or common words: linked only with context.
# Each has words that argue for the country (positive) and against it (negative).
AMBIGUOUS = {
    "georgia": (
        {"tbilisi", "georgian", "caucasus", "abkhazia", "ossetia", "kobakhidze", "kavelashvili"},
        {"atlanta", "savannah", "u.s. state", "gov.", "governor", "peach state", "county", "braves"},
    ),
    "jordan": (
        {"amman", "jordanian", "king abdullah", "hashemite"},
        {"nba", "basketball", "bulls", "sneaker", "air jordan"},
    ),
    "chad": ({"n'djamena", "chadian", "sahel", "deby", "déby"}, {"nfl", "quarterback"}),
    "turkey": (
        {"ankara", "istanbul", "turkish", "erdogan", "erdoğan", "türkiye"},
        {"thanksgiving", "roast", "dinner", "sandwich", "stuffing"},
    ),
    "niger": ({"niamey", "nigerien", "sahel", "tiani"}, set()),
    "congo": ({"kinshasa", "brazzaville", "congolese"}, set()),
    "guinea": ({"conakry", "guinean", "doumbouya"}, set()),
    "washington": (set(), {"george washington", "washington state", "seattle", "denzel"}),
}

# Capitals that are also common names or other places: linked only when used as a government.
AMBIGUOUS_CAPITALS = {
    "victoria",
    "male",
    "kingston",
    "georgetown",
    "hamilton",
    "santiago",
    "san josé",
    "san jose",
    "saint john's",
    "nassau",
    "roseau",
    "castries",
    "praia",
    "city of victoria",
    "jamestown",
    "douglas",
    "washington",
    "lima",
    "valletta",
    "victoria city",
    "avarua",
    "palikir",
    "melekeok",
    "majuro",
    "funafuti",
    "basseterre",
    "bridgetown",
    "freetown",
    "monrovia",
    "singapore",
}

# Capitals where international bodies sit: "met in Brussels" is about NATO or the EU, not
# Belgium. Linked only when used as a government or when the story names the country.
VENUE_CAPITALS = {"brussels", "geneva", "vienna", "the hague", "strasbourg", "luxembourg", "new york"}

_NOT_ALONE_CAPITALS = AMBIGUOUS_CAPITALS | VENUE_CAPITALS

# Words that may stand capitalised right before a country without being a first name.
NOT_FIRST_NAMES = {
    "the", "in", "on", "at", "to", "from", "for", "of", "and", "but", "with", "by", "as", "or",
    "neighbouring", "neighboring", "northern", "southern", "eastern", "western", "central",
    "while", "when", "after", "before", "both", "like", "unlike", "across", "inside", "outside",
    "within", "between", "against", "including", "beyond", "also", "only", "visiting", "why",
    "how", "where", "is", "was", "will", "has", "if", "did", "does", "can", "could", "that",
    "this", "than", "then", "near", "over", "into", "via", "amid", "about", "under", "toward",
    "towards", "through", "because", "since", "though", "although", "whether", "unless", "until",
    "not", "now", "so", "yet", "nor", "said", "says", "said.", "landlocked", "oil-rich", "tiny",
    "neighbour", "neighbor", "rival", "ally", "allies", "a", "an", "its", "their", "his", "her",
    "our", "whose", "which", "who", "what", "all", "every", "each", "no", "new", "old",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "mr", "mrs", "ms", "dr",
}  # fmt: skip

# Office words that may follow a country ("the Belarusian president", "Russia's president").
OFFICE_WORDS = {
    "president": ("president",),
    "leader": None,  # the head of state, else the head of government
    "prime minister": ("prime minister",),
    "premier": ("premier", "prime minister"),
    "chancellor": ("chancellor",),
    "king": ("king",),
    "queen": ("queen",),
    "emir": ("emir",),
    "head of state": None,
    "supreme leader": ("supreme leader",),
}
TITLE_WORDS = {
    "president", "king", "queen", "prime", "minister", "foreign", "crown", "prince", "princess",
    "sheikh", "emir", "sultan", "chancellor", "premier", "leader", "supreme", "general", "gen.",
    "vice", "deputy", "defence", "defense", "finance", "state", "secretary", "ambassador", "envoy",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "former", "acting",
}  # fmt: skip
NOT_CURRENT = {"former", "ex", "ex-", "late", "then", "previous", "past", "future", "next", "would-be"}
GOVERNMENT_VERBS = {
    "said", "says", "say", "has", "have", "had", "will", "would", "is", "was", "wants", "wanted",
    "accused", "accuses", "denied", "denies", "warned", "warns", "announced", "announces",
    "rejected", "rejects", "insisted", "insists", "responded", "responds", "demanded", "demands",
    "condemned", "condemns", "welcomed", "welcomes", "called", "calls", "urged", "urges",
    "sees", "saw", "hopes", "hoped", "claims", "claimed", "agreed", "agrees", "signed", "signs",
    "retaliated", "threatened", "threatens", "imposed", "imposes", "backed", "backs", "sent",
    "sends", "seeks", "sought", "is seeking", "maintains", "argues", "argued", "pledged",
}  # fmt: skip

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w.'’-]*")
_APOS = "'’ʼ"


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    entity_id: int
    alias_id: int | None
    surface: str
    confidence: float
    method: str


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    entries: tuple[AliasEntry, ...]


def is_word_boundary(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a whole word or phrase.

    Letters and digits on either side make it part of a longer word. Hyphens, periods and
    apostrophes are boundaries ("Belarus-China", "U.S.-sanctioned", "China's", "Belarus'"),
    except that an apostrophe followed by letters other than a possessive s continues the
    word ("Xi'an").
    """
    if start > 0:
        before = text[start - 1]
        if before.isalnum():
            return False
        if before in _APOS and start > 1 and text[start - 2].isalnum():
            return False  # "O'Neill": the match starts inside a word
    if end < len(text):
        after = text[end]
        if after.isalnum():
            return False
        if after in _APOS and end + 1 < len(text) and text[end + 1].isalnum():
            rest = end + 1
            # Only a possessive s may follow: "China's" is China, "Xi'an" is not Xi.
            return text[rest] in "sS" and (rest + 1 >= len(text) or not text[rest + 1].isalnum())
    return True


def _case_ok(entry: AliasEntry, surface: str) -> bool:
    """Acronyms and short names match their exact case; other names need their capital letter."""
    wanted = entry.text
    got = straighten(surface) if "'" in wanted else surface
    if entry.case_sensitive or entry.kind == Alias.Kind.ACRONYM or len(wanted) <= 3 or wanted.isupper():
        if entry.kind == Alias.Kind.ACRONYM and not wanted.isupper() and wanted != got:
            return False
        return wanted == got
    # "china" the porcelain, "turkey" the bird: a proper name keeps its capital letter.
    return not (wanted[:1].isupper() and not got[:1].isupper())


_LONGEST_FIRST = itemgetter(0, 1)  # (start - end, start): longest first, then leftmost
_START = attrgetter("start")
_COMBINING_KEYS = frozenset(normalize(form) for form in COMBINING_FORMS)


def find_hits(matcher: Matcher, text: str, *, lowered: str | None = None) -> list[_Hit]:
    """Alias hits that are whole words in the right case, longest first, no overlaps.

    ``lowered`` is ``normalize(text)`` when the caller already has it.
    """
    raw: list[tuple] = []
    length = len(text)
    for last, (size, entries) in matcher.automaton.iter(normalize(text) if lowered is None else lowered):
        end = last + 1
        start = end - size
        # Fast path for the common case (letters or digits right before or after); the full
        # boundary rules only when an apostrophe stands next to the match.
        before = text[start - 1] if start else " "
        if before.isalnum():
            continue
        after = text[end] if end < length else " "
        if after.isalnum():
            continue
        if (before in _APOS or after in _APOS) and not is_word_boundary(text, start, end):
            continue
        surface = text[start:end]
        if len(entries) == 1:  # the common case, without building a new tuple
            # Written exactly as the alias (and no apostrophe to straighten): the case is right.
            if (surface != entries[0].text or "'" in surface) and not _case_ok(entries[0], surface):
                continue
            kept = entries
        else:
            kept = tuple(e for e in entries if _case_ok(e, surface))
            if not kept:
                continue
        if (
            kept[0].key in _COMBINING_KEYS  # every entry of one hit shares the key
            and any(e.kind == "combining" for e in kept)
            and not text.startswith("-", end)
        ):
            kept = tuple(e for e in kept if e.kind != "combining")
            if not kept:
                continue
        raw.append((start - end, start, end, kept))
    raw.sort(key=_LONGEST_FIRST)
    taken = bytearray(len(text) + 1)
    hits, dropped = [], []
    for _, start, end, kept in raw:
        if taken.find(1, start, end) != -1:
            dropped.append(_Hit(start, end, kept))
            continue
        taken[start:end] = b"\x01" * (end - start)
        hits.append(_Hit(start, end, kept))
    hits.sort(key=_START)
    if dropped and hits:
        _extend_same_entity(hits, dropped, taken)
    return [
        h
        for h in hits
        if h.entries[0].entity_id is not None or any(e.entity_id is not None for e in h.entries)
    ]


def _extend_same_entity(hits: list[_Hit], dropped: list[_Hit], taken: bytearray) -> None:
    """'President Xi' + 'Xi Jinping' overlap and name one person: one span, 'President Xi Jinping'."""
    for loser in dropped:
        entities = {e.entity_id for e in loser.entries}
        for index, hit in enumerate(hits):
            if (
                hit.start < loser.start < hit.end < loser.end
                and {e.entity_id for e in hit.entries} == entities
                and not any(taken[hit.end : loser.end])
            ):
                taken[hit.end : loser.end] = b"\x01" * (loser.end - hit.end)
                hits[index] = _Hit(hit.start, loser.end, hit.entries)
                break


def _split_titles(matcher: Matcher, text: str, hits: list[_Hit]) -> list[_Hit]:
    """'Chinese President Xi' names China as well as Xi: split the country off the title."""
    out = []
    for hit in hits:
        entries = hit.entries
        if (
            entries[0].kind == Alias.Kind.TITLE
            if len(entries) == 1
            else any(e.kind == Alias.Kind.TITLE for e in entries)
        ):
            surface = text[hit.start : hit.end]
            inner = [
                _Hit(hit.start, hit.start + end, countries)
                for start, end, entries in matcher.iter_matches(surface)
                if start == 0 and end < len(surface) and is_word_boundary(surface, start, end)
                for countries in [
                    tuple(
                        e
                        for e in entries
                        if e.entity_kind == Entity.Kind.COUNTRY and _case_ok(e, surface[start:end])
                    )
                ]
                if countries
            ]
            if inner:
                prefix = max(inner, key=lambda h: h.end)
                rest = prefix.end
                while rest < hit.end and text[rest] in " \u00a0":
                    rest += 1
                out.append(prefix)
                out.append(_Hit(rest, hit.end, hit.entries))
                continue
        out.append(hit)
    return out


def _prev_word(text: str, start: int) -> str | None:
    """The word right before ``start``, separated by one space only (no punctuation between)."""
    if start < 2 or text[start - 1] != " " or text[start - 2] in '.,;:!?)"”':
        return None  # punctuation between: a new sentence or clause, not a first name
    end = start - 1
    begin = end
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] in "-.'’"):
        begin -= 1
    word = text[begin:end]
    return word or None


def _next_word(text: str, end: int) -> str | None:
    if end >= len(text) - 1 or text[end] != " ":
        return None
    match = _WORD.match(text, end + 1)
    return match.group(0) if match else None


def _looks_like_name(word: str | None) -> bool:
    """A capitalised word that is not a function word or a title: probably a first or last name."""
    if not word or not word[:1].isupper():
        return False
    bare = word.rstrip(".,;:").strip(_APOS)
    lowered = bare.lower()
    return (
        bare.isalpha()
        and not bare.isupper()
        and lowered not in NOT_FIRST_NAMES
        and lowered not in TITLE_WORDS
        and len(bare) > 1
    )


def _is_title_case(text: str) -> bool:
    words = [w for w in text.split() if w[:1].isalpha()]
    if len(words) < 4:
        return False
    return sum(w[:1].isupper() for w in words) / len(words) > 0.6


def _window(lowered: str, start: int, end: int, size: int = 250) -> str:
    return lowered[max(0, start - size) : end + size]


def _government_usage(text: str, start: int, end: int) -> bool:
    """'Beijing said', "Moscow's position", 'Moscow and Beijing': a capital standing for a state."""
    if end < len(text) and text[end] in _APOS:
        return True
    following = text[end : end + 30].lstrip(" ,").lower()
    first = following.split(" ", 2)
    if first and first[0].strip(".,;:") in GOVERNMENT_VERBS:
        return True
    if len(first) > 1 and first[0] in {"has", "is", "will", "had", "was"}:
        return True
    before = text[max(0, start - 30) : start].lower()
    return before.rstrip().endswith(("officials in", "on both", "both", "and", "between"))


def resolve(
    *,
    matcher: Matcher,
    body: str,
    title: str = "",
    dek: str = "",
    on_date: datetime.date,
) -> dict[str, list[Candidate]]:
    """Link ``title``, ``dek`` and ``body``: the candidates of each, keyed by those names.

    Offsets are into each text. Only the body's candidates become mentions with a span; the
    title and dek count for relevance (and the title for a story that names an entity nowhere else).
    """
    texts = {"title": title or "", "dek": dek or "", "body": body or ""}
    # Lower-cased once per text: the scan and the context windows both read it.
    lowered = {name: normalize(text) if text else "" for name, text in texts.items()}
    hits = {
        name: _split_titles(matcher, text, find_hits(matcher, text, lowered=lowered[name])) if text else []
        for name, text in texts.items()
    }

    # Entities named unambiguously anywhere (title or body): the context for the rest.
    named: set[int] = set()
    fully_named_leaders: set[int] = set()
    entity_kinds = matcher.entity_kinds
    for name_hits in hits.values():
        for hit in name_hits:
            if len(hit.entries) == 1:  # the common case, without building sets
                entry = hit.entries[0]
                if entry.kind in _NOT_NAMING or entry.key in AMBIGUOUS:
                    continue
                named.add(entry.entity_id)
                if entry.kind in _FULL_NAME_KINDS and entity_kinds.get(entry.entity_id) == Entity.Kind.LEADER:
                    fully_named_leaders.add(entry.entity_id)
                continue
            entities = {e.entity_id for e in hit.entries if e.entity_id is not None}
            kinds = {e.kind for e in hit.entries}
            if len(entities) != 1:
                continue
            if kinds & _NOT_NAMING or hit.entries[0].key in AMBIGUOUS:
                continue
            named |= entities
            if kinds & _FULL_NAME_KINDS:
                fully_named_leaders |= {e for e in entities if entity_kinds.get(e) == Entity.Kind.LEADER}

    results: dict[str, list[Candidate]] = {}
    for name, text in texts.items():
        title_case = name == "title" and _is_title_case(text)
        out: list[Candidate] = []
        for hit in hits[name]:
            entries = hit.entries
            entry = entries[0]
            plain = _PLAIN.get(entry.kind) if len(entries) == 1 and entry.key not in AMBIGUOUS else None
            if plain is not None:
                # The common case (one entity, a name that needs no context): no rule to run.
                candidate = Candidate(
                    hit.start, hit.end, entry.entity_id, entry.alias_id, text[hit.start : hit.end], *plain
                )
            else:
                candidate = _resolve_hit(
                    matcher=matcher,
                    text=text,
                    lowered=lowered[name],
                    hit=hit,
                    named=named,
                    fully_named_leaders=fully_named_leaders,
                    title_case=title_case,
                )
                if candidate is None:
                    continue
            out.append(candidate)
            if entity_kinds.get(candidate.entity_id) == Entity.Kind.COUNTRY:
                office = _office_after(matcher, text, hit, candidate.entity_id, on_date)
                if office is not None:
                    out.append(office)
                    fully_named_leaders.add(office.entity_id)
        results[name] = out
    return results


# Alias kinds that name their entity outright, with their (confidence, method): a hit with one
# such entry and no ambiguous key needs no context rule.
_PLAIN = {
    kind: (CONFIDENCE.get(kind, 0.9), "acronym" if kind == Alias.Kind.ACRONYM else kind)
    for kind in Alias.Kind.values
    if kind not in (Alias.Kind.SURNAME, Alias.Kind.CAPITAL)
}
_NOT_NAMING = frozenset({Alias.Kind.SURNAME, Alias.Kind.CAPITAL})
_FULL_NAME_KINDS = frozenset({Alias.Kind.NAME, Alias.Kind.OFFICIAL, Alias.Kind.TITLE, Alias.Kind.OTHER})


def _resolve_hit(
    *,
    matcher: Matcher,
    text: str,
    lowered: str,
    hit: _Hit,
    named: set[int],
    fully_named_leaders: set[int],
    title_case: bool,
) -> Candidate | None:
    surface = text[hit.start : hit.end]
    if len(hit.entries) == 1:  # the common case: one entry, and it names an entity (see find_hits)
        entry = hit.entries[0]
    else:
        by_entity: dict[int, AliasEntry] = {}
        for entry in hit.entries:
            if entry.entity_id is not None:
                by_entity.setdefault(entry.entity_id, entry)
        if len(by_entity) > 1:
            # One text, several entities ("Dominican", a shared surname): the one the story names.
            chosen = [eid for eid in by_entity if eid in named or eid in fully_named_leaders]
            if len(chosen) != 1:
                return None
            entry = by_entity[chosen[0]]
        else:
            entry = next(iter(by_entity.values()))
    entity_id = entry.entity_id
    key = entry.key

    def make(confidence: float, method: str) -> Candidate:
        return Candidate(hit.start, hit.end, entity_id, entry.alias_id, surface, confidence, method)

    if entry.kind == "combining":
        return make(COMBINING_FORM, "combining")

    if entry.kind == Alias.Kind.SURNAME:
        own_names = set(matcher.entity_names.get(entity_id, "").split())
        before, after = _prev_word(text, hit.start), _next_word(text, hit.end)
        if not title_case and (
            (_looks_like_name(before) and before not in own_names)
            or (_looks_like_name(after) and after not in own_names)
        ):
            return None  # "Ivanka Trump", "Abe Lincoln": someone else ("Tayyip Erdogan" is him)
        if entity_id in fully_named_leaders:
            return make(SURNAME_AFTER_FULL_NAME, "surname")
        if len(matcher.surname_leaders.get(key, ())) == 1:
            return make(SURNAME_UNIQUE, "surname-unique")
        return None

    if entry.kind == Alias.Kind.CAPITAL:
        government = _government_usage(text, hit.start, hit.end)
        if not government and key in _NOT_ALONE_CAPITALS and entity_id not in named:
            return None  # a venue ("ministers met in Brussels") or another place, not the state
        if key in AMBIGUOUS:
            positive, negative = AMBIGUOUS[key]
            window = _window(lowered, hit.start, hit.end)
            if any(cue in window for cue in negative):
                return None
            if not title_case and (
                _looks_like_name(_prev_word(text, hit.start)) or _looks_like_name(_next_word(text, hit.end))
            ):
                return None
        return make(CAPITAL_AS_GOVERNMENT if government else CAPITAL_AS_PLACE, "capital")

    confidence = CONFIDENCE.get(entry.kind, 0.9)
    method = "acronym" if entry.kind == Alias.Kind.ACRONYM else entry.kind
    if key in AMBIGUOUS:
        positive, negative = AMBIGUOUS[key]
        if not title_case and (
            _looks_like_name(_prev_word(text, hit.start)) or _looks_like_name(_next_word(text, hit.end))
        ):
            return None  # "Michael Jordan", "Chad Smith"
        window = _window(lowered, hit.start, hit.end)
        has_positive = any(cue in lowered for cue in positive)
        if any(cue in window for cue in negative) and not has_positive:
            return None  # "Atlanta, Georgia"
        if has_positive:
            return make(AMBIGUOUS_WITH_CONTEXT, "context")
        return make(AMBIGUOUS_WITHOUT_CONTEXT, "ambiguous")
    return make(confidence, method)


_OFFICE_RE = re.compile(
    r"(?:['’]s?)?\s+(?P<title>prime minister|supreme leader|head of state|president|leader|premier|"
    r"chancellor|king|queen|emir)\b",
    re.IGNORECASE,
)


def _office_after(
    matcher: Matcher, text: str, hit: _Hit, country_id: int, on_date: datetime.date
) -> Candidate | None:
    """'the Belarusian president', "Russia's president": whoever held the office on the date."""
    match = _OFFICE_RE.match(text, hit.end)
    if match is None:
        return None
    if _looks_like_name(_next_word(text, match.end())):
        return None  # "Chinese President Xi Jinping": the name links on its own
    before = (_prev_word(text, hit.start) or "").lower().strip(".,")
    if before in NOT_CURRENT or before.startswith("ex-"):
        return None
    word = match.group("title").lower()
    holder = office_holder(matcher=matcher, country_id=country_id, word=word, on_date=on_date)
    if holder is None:
        return None
    return Candidate(
        match.start("title"),
        match.end("title"),
        holder,
        None,
        text[match.start("title") : match.end("title")],
        OFFICE_TITLE,
        "office",
    )


def office_holder(*, matcher: Matcher, country_id: int, word: str, on_date: datetime.date) -> int | None:
    """The leader who held the office a title word names in ``country_id`` on ``on_date``."""
    current = [
        term
        for term in matcher.offices.get(country_id, ())
        if term.start <= on_date and (term.end is None or term.end >= on_date)
    ]
    titles = OFFICE_WORDS.get(word)
    if titles is None:
        found = [t for t in current if t.head_of_state] or [t for t in current if t.head_of_government]
    else:
        found = [t for t in current if t.title in titles]  # "president", never "vice president"
    leaders = {t.leader_id for t in found}
    return leaders.pop() if len(leaders) == 1 else None


_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gov",
    "sen",
    "rep",
    "st",
    "gen",
    "lt",
    "col",
    "no",
    "vs",
    "jan",
    "feb",
}
_ABBREVIATIONS |= {"aug", "sept", "sep", "oct", "nov", "dec", "inc", "corp", "co", "jr", "sr", "prof", "mt"}


_AFTER_END = frozenset(" \t\r\n\"”’'")


class Sentences:
    """Sentence boundaries of one text, found once, so each mention's sentence is a bisect away."""

    def __init__(self, text: str):
        self.text = text
        ends = []
        length = len(text)
        # str.find is far faster than a regular expression for scanning a whole story.
        for mark in ".!?\n":
            index = text.find(mark)
            while index != -1:
                closes = mark == "\n" or index + 1 >= length or text[index + 1] in _AFTER_END
                if closes and (mark != "." or self._ends_sentence(text, index)):
                    ends.append(index)
                index = text.find(mark, index + 1)
        ends.sort()
        self.ends = ends

    @staticmethod
    def _ends_sentence(text: str, index: int) -> bool:
        """A full stop ends a sentence unless it closes "U.S.", "U.N.", an initial, "Mr." or "Gov."."""
        space = text.rfind(" ", max(0, index - 40), index)
        word = text[max(space, text.rfind("\n", max(space, 0), index)) + 1 : index].lstrip("(\"“‘'")
        return not ("." in word or (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS)

    def around(self, start: int, end: int, *, limit: int = 600) -> str:
        index = bisect.bisect_left(self.ends, start)
        begin = self.ends[index - 1] + 1 if index > 0 else 0
        after = bisect.bisect_left(self.ends, end)
        stop = self.ends[after] if after < len(self.ends) else len(self.text)
        if stop < len(self.text) and self.text[stop] in ".!?":
            stop += 1
        begin = max(begin, start - limit)
        stop = min(stop, end + limit)
        return self.text[begin:stop].strip()


def sentence_around(text: str, start: int, end: int, *, limit: int = 600) -> str:
    """The sentence containing ``text[start:end]`` (the evidence shown to editors and readers)."""
    return Sentences(text).around(start, end, limit=limit)
