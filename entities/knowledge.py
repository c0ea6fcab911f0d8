"""Load the curated knowledge base shipped in ``entities/knowledge/`` into the database.

Countries come from maintained packages (pycountry for the ISO 3166-1 list, countryinfo for
capitals, demonyms, alternative spellings and regions) corrected by ``countries.json``;
organizations with their member lists and leaders with their offices are curated in
``organizations.json`` and ``leaders.json``, with a source note per fact.

The load is an upsert on natural keys (countries by ISO alpha-2, organizations and leaders by
slug, aliases by entity and text, offices by leader, country, title and start, memberships by
organization, country and status). A row is saved only when one of its fields differs, so a
second load writes nothing and adds no history. Only rows flagged ``is_curated`` are touched:
entities, aliases, offices and memberships made by editors are never changed or deleted.
Curated aliases, offices and memberships that the data files no longer list are deleted;
curated entities never are (mentions point at them).
"""

import json
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import pycountry
from countryinfo._cache import load_countries
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from .models import Alias, Country, Entity, Leader, Membership, Office, Organization

KNOWLEDGE_DIR = Path(__file__).resolve().parent / "knowledge"

KINDS = ["country", "organization", "leader", "alias", "office", "membership"]


@dataclass(frozen=True)
class AliasSpec:
    text: str
    kind: str
    case_sensitive: bool
    # Derived aliases (alternative spellings, demonyms, capitals) are dropped when another
    # entity claims the same text; curated ones are kept and left to the linker to resolve.
    derived: bool = False


@dataclass
class EntitySpec:
    model: type[Entity]
    key: str  # the natural key: ISO alpha-2 for countries, slug otherwise
    fields: dict[str, Any]
    aliases: list[AliasSpec] = field(default_factory=list)


def is_acronym(text: str) -> bool:
    letters = re.sub(r"[.\-+&\s\d]", "", text)
    return bool(letters) and letters.isupper() and len(letters) <= 6


def make_alias(
    text: str, kind: str = Alias.Kind.NAME, case_sensitive: bool | None = None, *, derived: bool = False
) -> AliasSpec:
    """An alias with the case rule the linker relies on.

    Acronyms ("US", "U.S.", "EU") and short names ("Chad", "Iran") only match with exact case;
    demonyms, capitals and surnames are proper nouns that news copy always capitalizes.
    """
    text = text.strip()
    if kind in (Alias.Kind.NAME, Alias.Kind.OTHER) and is_acronym(text):
        kind = Alias.Kind.ACRONYM
    if case_sensitive is None:
        case_sensitive = (
            kind in (Alias.Kind.ACRONYM, Alias.Kind.DEMONYM, Alias.Kind.CAPITAL, Alias.Kind.SURNAME)
            or len(text) <= 4
            or is_acronym(text)
        )
    return AliasSpec(text=text, kind=kind, case_sensitive=case_sensitive, derived=derived)


def flag_emoji(alpha2: str) -> str:
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in alpha2.upper())


def _read(name: str, directory: Path) -> Any:
    with open(directory / name, encoding="utf-8") as handle:
        return json.load(handle)


def _curated_aliases(items: list[dict], case_sensitive_names: set[str] = frozenset()) -> list[AliasSpec]:
    return [
        make_alias(
            item["text"],
            item.get("kind", Alias.Kind.NAME),
            item.get("case_sensitive", True if item["text"] in case_sensitive_names else None),
        )
        for item in items
    ]


def _is_usable_spelling(text: str, codes: set[str]) -> bool:
    """Alternative spellings worth matching in English news copy.

    countryinfo lists ISO codes ("IN", "BLR"), inverted forms ("Korea, Republic of") and
    non-Latin scripts; none of them help the linker and the codes are dangerous.
    """
    text = text.strip()
    if len(text) < 4 or text in codes or "," in text or not text[:1].isupper():
        return False
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in text)


def _countryinfo_by_alpha2() -> dict[str, list[dict]]:
    found = defaultdict(list)
    for record in load_countries()["countries"].values():
        alpha2 = (record.get("ISO") or {}).get("alpha2")
        if alpha2:
            found[alpha2].append(record)
    return found


def _pick_record(records: list[dict], names: set[str]) -> dict:
    """countryinfo has several records for a few codes (GB is also "Wales"): prefer the one
    whose name matches pycountry's or ours, then the one with the most data."""
    for record in records:
        if record.get("name", "").lower() in names:
            return record
    return max(records, key=lambda record: len(record), default={})


def _split_demonyms(value: Any) -> list[str]:
    if not value or not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def country_specs(*, directory: Path = KNOWLEDGE_DIR) -> list[EntitySpec]:
    """Every ISO 3166-1 country (plus curated extras) with its aliases, ready to upsert."""
    curated = _read("countries.json", directory)
    overrides = curated["countries"]
    case_sensitive_names = set(curated["case_sensitive_names"])
    no_capital_alias = set(curated["no_capital_alias"])
    drop_spellings = set(curated["drop_spellings"])
    info = _countryinfo_by_alpha2()
    specs = []
    for country in pycountry.countries:
        alpha2, alpha3 = country.alpha_2, country.alpha_3
        override = overrides.get(alpha2, {})
        common = getattr(country, "common_name", None)
        official = getattr(country, "official_name", None)
        wanted = {n.lower() for n in (override.get("name"), common, country.name) if n}
        record = _pick_record(info.get(alpha2, []), wanted)
        name = override.get("name") or record.get("name") or common or country.name
        capital = override.get("capital", record.get("capital") or "")
        if isinstance(capital, list):  # countryinfo stores a few capitals as lists
            capital = capital[0] if capital else ""
        demonyms = override.get("demonyms", _split_demonyms(record.get("demonym")))
        codes = {alpha2, alpha3}

        aliases = [make_alias(name, case_sensitive=True if name in case_sensitive_names else None)]
        # pycountry's ISO name ("Russian Federation", "Viet Nam") is the formal one.
        for other, kind in (
            (common, Alias.Kind.NAME),
            (record.get("name"), Alias.Kind.NAME),
            (country.name, Alias.Kind.OFFICIAL),
        ):
            if other and "," not in other and "(" not in other:
                aliases.append(make_alias(other, kind, True if other in case_sensitive_names else None))
        if official and "," not in official:
            aliases.append(make_alias(official, Alias.Kind.OFFICIAL))
        aliases += _curated_aliases(override.get("aliases", []), case_sensitive_names)
        aliases += [
            make_alias(
                text,
                Alias.Kind.OTHER,
                True if text in case_sensitive_names else None,
                derived=True,
            )
            for text in record.get("altSpellings") or []
            if _is_usable_spelling(text, codes) and text not in drop_spellings
        ]
        aliases += [make_alias(text, Alias.Kind.DEMONYM, derived=True) for text in demonyms]
        if capital and capital not in no_capital_alias and "/" not in capital:
            aliases.append(make_alias(capital, Alias.Kind.CAPITAL, derived=True))
        drop = set(override.get("drop_aliases", []))
        aliases = [alias for alias in aliases if alias.text not in drop]

        specs.append(
            EntitySpec(
                model=Country,
                key=alpha2,
                fields={
                    "name": name,
                    "slug": override.get("slug") or slugify(name),
                    "iso_alpha2": alpha2,
                    "iso_alpha3": alpha3,
                    "official_name": override.get("official_name") or official or "",
                    "capital": capital,
                    "demonyms": demonyms,
                    "flag": flag_emoji(alpha2),
                    "region": record.get("region") or "",
                    "subregion": record.get("subregion") or "",
                    "wikidata_id": override.get("wikidata_id", ""),
                    "summary": override.get("summary", ""),
                    "source_note": override.get("source_note", curated["source_note"]),
                },
                aliases=aliases,
            )
        )
    for extra in curated.get("extra_countries", []):
        name = extra["name"]
        aliases = [make_alias(name)]
        if extra.get("official_name"):
            aliases.append(make_alias(extra["official_name"], Alias.Kind.OFFICIAL))
        aliases += _curated_aliases(extra.get("aliases", []), case_sensitive_names)
        aliases += [make_alias(text, Alias.Kind.DEMONYM, derived=True) for text in extra["demonyms"]]
        if extra.get("capital"):
            aliases.append(make_alias(extra["capital"], Alias.Kind.CAPITAL, derived=True))
        specs.append(
            EntitySpec(
                model=Country,
                key=extra["iso_alpha2"],
                fields={
                    "name": name,
                    "slug": extra.get("slug") or slugify(name),
                    "iso_alpha2": extra["iso_alpha2"],
                    "iso_alpha3": extra["iso_alpha3"],
                    "official_name": extra.get("official_name", ""),
                    "capital": extra.get("capital", ""),
                    "demonyms": extra["demonyms"],
                    "flag": flag_emoji(extra["iso_alpha2"]),
                    "region": extra.get("region", ""),
                    "subregion": extra.get("subregion", ""),
                    "wikidata_id": extra.get("wikidata_id", ""),
                    "summary": extra.get("summary", ""),
                    "source_note": extra["source_note"],
                },
                aliases=aliases,
            )
        )
    return specs


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def organization_specs(data: list[dict]) -> list[EntitySpec]:
    specs = []
    for item in data:
        aliases = [make_alias(item["name"])]
        if item.get("acronym"):
            aliases.append(make_alias(item["acronym"], Alias.Kind.ACRONYM))
        aliases += _curated_aliases(item.get("aliases", []))
        specs.append(
            EntitySpec(
                model=Organization,
                key=item["slug"],
                fields={
                    "name": item["name"],
                    "slug": item["slug"],
                    "acronym": item.get("acronym", ""),
                    "org_kind": item["org_kind"],
                    "founded": _date(item.get("founded")),
                    "headquarters": item.get("headquarters", ""),
                    "wikidata_id": item.get("wikidata_id", ""),
                    "summary": item["summary"],
                    "source_note": item["source_note"],
                },
                aliases=aliases,
            )
        )
    return specs


def leader_specs(data: list[dict]) -> list[EntitySpec]:
    specs = []
    for item in data:
        family = item.get("family_name", "")
        aliases = [make_alias(item["name"], case_sensitive=False)]
        if family and item.get("surname_alias", True):
            aliases.append(make_alias(family, Alias.Kind.SURNAME))
        # "President Xi", "Prime Minister Takaichi": how news copy names office holders.
        # "President Xi" for the office held now; a former office's title ("Premier Li" for
        # Li Keqiang) is derived and gives way when a current holder claims the same words.
        # Long titles ("Secretary of the Treasury") are not how copy names people.
        titled = {}
        for office in item.get("offices", []):
            if family and " of " not in office["title"]:
                text = f"{office['title']} {family}"
                titled[text] = titled.get(text, False) or not office.get("end")
        titled.update(dict.fromkeys(item.get("titles", []), True))
        aliases += [
            make_alias(text, Alias.Kind.TITLE, case_sensitive=False, derived=not current)
            for text, current in sorted(titled.items())
        ]
        aliases += _curated_aliases(item.get("aliases", []))
        specs.append(
            EntitySpec(
                model=Leader,
                key=item["slug"],
                fields={
                    "name": item["name"],
                    "slug": item["slug"],
                    "given_name": item.get("given_name", ""),
                    "family_name": family,
                    "born": _date(item.get("born")),
                    "wikidata_id": item.get("wikidata_id", ""),
                    "summary": item["summary"],
                    "source_note": item["source_note"],
                },
                aliases=aliases,
            )
        )
    return specs


def _dedupe_aliases(specs: list[EntitySpec]) -> None:
    """One alias per (entity, text); derived aliases claimed by another entity are dropped.

    "Congolese" names both Congos and "Dominican" two countries: matching them would be a
    guess, so neither gets it. A curated alias shared on purpose ("Georgia") stays.
    """
    owners = defaultdict(set)
    for spec in specs:
        for alias in spec.aliases:
            owners[alias.text.lower()].add((spec.model, spec.key))
    for spec in specs:
        seen = {}
        for alias in spec.aliases:
            if alias.derived and len(owners[alias.text.lower()]) > 1:
                continue
            # The first spelling wins: names come before derived spellings.
            seen.setdefault(alias.text, alias)
        spec.aliases = list(seen.values())


class _Loader:
    def __init__(self, stdout: TextIO | None):
        self.stdout = stdout
        self.counts = {kind: Counter(created=0, updated=0, unchanged=0, skipped=0) for kind in KINDS}
        for kind in ("alias", "office", "membership"):
            self.counts[kind]["deleted"] = 0

    def log(self, message: str, *args: Any) -> None:
        """Write ``message % args``; formatting (which may query related rows) only when verbose."""
        if self.stdout is not None:
            self.stdout.write((message % args if args else message) + "\n")

    def upsert_entities(self, specs: list[EntitySpec], kind: str) -> dict[str, Entity]:
        model = specs[0].model
        lookup = "iso_alpha2" if model is Country else "slug"
        existing = {getattr(obj, lookup): obj for obj in model.objects.all()}
        taken_slugs = set(Entity.objects.values_list("slug", flat=True))
        rows = {}
        created = []
        for spec in specs:
            obj = existing.get(spec.key)
            if obj is None:
                if spec.fields["slug"] in taken_slugs:
                    self.counts[kind]["skipped"] += 1
                    self.log(f"Skipped {kind} {spec.key}: slug {spec.fields['slug']!r} is taken.")
                    continue
                obj = model(is_curated=True, **spec.fields)
                # History rows for new entities are written in one batch below.
                obj.skip_history_when_saving = True
                obj.save()
                del obj.skip_history_when_saving
                taken_slugs.add(obj.slug)
                created.append(obj)
                self.counts[kind]["created"] += 1
                self.log(f"Created {kind} {obj}.")
            elif not obj.is_curated:
                self.counts[kind]["skipped"] += 1
                self.log(f"Left editor-made {kind} {obj} alone.")
                continue
            else:
                changed = [name for name, value in spec.fields.items() if getattr(obj, name) != value]
                if changed:
                    for name in changed:
                        setattr(obj, name, spec.fields[name])
                    obj.save()
                    self.counts[kind]["updated"] += 1
                    self.log(f"Updated {kind} {obj}: {', '.join(changed)}.")
                else:
                    self.counts[kind]["unchanged"] += 1
            rows[spec.key] = obj
        if created:
            model.history.bulk_history_create(created)
        return rows

    def sync_aliases(self, pairs: list[tuple[Entity, list[AliasSpec]]]) -> None:
        entity_ids = [entity.pk for entity, _ in pairs]
        existing = {
            (alias.entity_id, alias.text): alias for alias in Alias.objects.filter(entity_id__in=entity_ids)
        }
        wanted = set()
        to_create = []
        counts = self.counts["alias"]
        for entity, specs in pairs:
            for spec in specs:
                key = (entity.pk, spec.text)
                wanted.add(key)
                alias = existing.get(key)
                if alias is None:
                    to_create.append(
                        Alias(
                            entity=entity,
                            text=spec.text,
                            kind=spec.kind,
                            case_sensitive=spec.case_sensitive,
                            is_curated=True,
                        )
                    )
                elif not alias.is_curated:
                    counts["skipped"] += 1
                elif alias.kind != spec.kind or alias.case_sensitive != spec.case_sensitive:
                    alias.kind, alias.case_sensitive = spec.kind, spec.case_sensitive
                    alias.save(update_fields=["kind", "case_sensitive"])
                    counts["updated"] += 1
                    self.log(f"Updated alias {alias.text!r} of {entity}.")
                else:
                    counts["unchanged"] += 1
        Alias.objects.bulk_create(to_create)
        counts["created"] += len(to_create)
        for alias in to_create:
            self.log("Added alias %r to %s.", alias.text, alias.entity)
        stale = [alias for key, alias in existing.items() if alias.is_curated and key not in wanted]
        if stale:
            counts["deleted"] += Alias.objects.filter(pk__in=[alias.pk for alias in stale]).delete()[0]
            for alias in stale:
                self.log(f"Removed alias {alias.text!r} (entity {alias.entity_id}).")

    def sync_rows(self, model, kind: str, wanted: dict[tuple, dict], key_fields: list[str], scope) -> None:
        """Upsert curated offices or memberships; ``scope`` limits deletion to curated parents."""
        counts = self.counts[kind]
        existing = {tuple(getattr(row, f) for f in key_fields): row for row in model.objects.filter(scope)}
        new_rows = []
        for key, values in wanted.items():
            row = existing.get(key)
            if row is None:
                new_rows.append(model(is_curated=True, **dict(zip(key_fields, key, strict=True)), **values))
            elif not row.is_curated:
                counts["skipped"] += 1
            else:
                changed = [name for name, value in values.items() if getattr(row, name) != value]
                if changed:
                    for name in changed:
                        setattr(row, name, values[name])
                    row.save()
                    counts["updated"] += 1
                    self.log("Updated %s %s: %s.", kind, row, ", ".join(changed))
                else:
                    counts["unchanged"] += 1
        # One INSERT for the rows and one for their history instead of two per row.
        bulk_create_with_history(new_rows, model)
        counts["created"] += len(new_rows)
        for row in new_rows:
            self.log("Created %s %s.", kind, row)
        for key, row in existing.items():
            if row.is_curated and key not in wanted:
                self.log("Deleted %s %s.", kind, row)
                row.delete()
                counts["deleted"] += 1


def _memberships(data: list[dict], orgs: dict, countries: dict) -> dict[tuple, dict]:
    wanted = {}
    for item in data:
        org = orgs.get(item["slug"])
        if org is None:
            continue
        for group in item.get("members", []):
            for alpha2 in group["countries"]:
                country = countries.get(alpha2)
                if country is None:
                    continue
                wanted[(org.pk, country.pk, group["status"])] = {
                    "since": _date(group.get("since")),
                    "until": _date(group.get("until")),
                    "source_note": group["source_note"],
                }
    return wanted


def _offices(data: list[dict], leaders: dict, countries: dict) -> dict[tuple, dict]:
    wanted = {}
    for item in data:
        leader = leaders.get(item["slug"])
        if leader is None:
            continue
        for office in item.get("offices", []):
            country = countries.get(office["country"])
            if country is None:
                continue
            key = (leader.pk, country.pk, office["title"], _date(office["start"]))
            wanted[key] = {
                "end": _date(office.get("end")),
                "is_head_of_state": office.get("head_of_state", False),
                "is_head_of_government": office.get("head_of_government", False),
                "source_note": office["source_note"],
            }
    return wanted


class KnowledgeBaseError(ValueError):
    """The data files contradict themselves (an unknown country code, a slug used twice)."""


def _check_references(specs: dict[str, list[EntitySpec]], organizations: list, leaders: list) -> None:
    """A typo in a country code would silently drop a fact: refuse to load instead."""
    countries = {spec.key for spec in specs["country"]}
    problems = []
    for item in organizations:
        for group in item.get("members", []):
            problems += [
                f"{item['slug']}: unknown country {code!r}"
                for code in group["countries"]
                if code not in countries
            ]
    for item in leaders:
        for office in item.get("offices", []):
            if office["country"] not in countries:
                problems.append(f"{item['slug']}: unknown country {office['country']!r}")
    slugs = Counter(spec.fields["slug"] for kind_specs in specs.values() for spec in kind_specs)
    problems += [f"slug {slug!r} used {count} times" for slug, count in slugs.items() if count > 1]
    if problems:
        raise KnowledgeBaseError("; ".join(problems))


def load_knowledge_base(
    *, stdout: TextIO | None = None, directory: Path | None = None, dry_run: bool = False
) -> dict:
    """Load or update the shipped knowledge base; return counts per kind of row.

    ``stdout`` receives one line per change (nothing when the database is already up to date).
    With ``dry_run`` everything is computed and counted, then rolled back. ``directory``
    replaces ``entities/knowledge/`` (tests use it). Raises ``KnowledgeBaseError`` when the
    files refer to unknown countries or reuse a slug; nothing is written then.
    The returned dict maps "country", "organization", "leader", "alias", "office" and
    "membership" to counts of created/updated/unchanged/skipped (and deleted) rows, plus
    "seconds".
    """
    started = time.perf_counter()
    directory = directory or KNOWLEDGE_DIR
    organizations = _read("organizations.json", directory)
    leaders = _read("leaders.json", directory)
    specs = {
        "country": country_specs(directory=directory),
        "organization": organization_specs(organizations),
        "leader": leader_specs(leaders),
    }
    _check_references(specs, organizations, leaders)
    _dedupe_aliases([spec for kind_specs in specs.values() for spec in kind_specs])

    loader = _Loader(stdout)
    with transaction.atomic():
        rows = {kind: loader.upsert_entities(kind_specs, kind) for kind, kind_specs in specs.items()}
        loader.sync_aliases(
            [
                (rows[kind][spec.key], spec.aliases)
                for kind, kind_specs in specs.items()
                for spec in kind_specs
                if spec.key in rows[kind]
            ]
        )
        loader.sync_rows(
            Membership,
            "membership",
            _memberships(organizations, rows["organization"], rows["country"]),
            ["organization_id", "country_id", "status"],
            Q(organization__is_curated=True) & Q(country__is_curated=True),
        )
        loader.sync_rows(
            Office,
            "office",
            _offices(leaders, rows["leader"], rows["country"]),
            ["leader_id", "country_id", "title", "start"],
            Q(leader__is_curated=True) & Q(country__is_curated=True),
        )
        if dry_run:
            transaction.set_rollback(True)
    result = {kind: dict(counter) for kind, counter in loader.counts.items()}
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result
