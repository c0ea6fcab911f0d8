"""Knowledge-base context for a story: one line per entity and the facts that tie them together.

"President of Belarus since 1994" for a leader, "SCO member since 2024" for a country of a story
that also names the SCO, and sentences such as "Belarus joined the SCO as a member in July 2024"
when a story names both sides of an office or a membership. Two queries for a whole story.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.text import capfirst

from .models import Country, Entity, Membership, Office


def fuzzy_date(value: datetime.date | None) -> str:
    """Knowledge-base dates are often known to the year only (stored as 1 January)."""
    if value is None:
        return ""
    if value.month == 1 and value.day == 1:
        return str(value.year)
    return value.strftime("%B %Y")


def country_phrase(name: str) -> str:
    """A country's name as a sentence needs it: "the United States", "Belarus"."""
    return f"{Country.article_for(name)}{name}"


def office_label(office: Office, *, with_country: bool = True) -> str:
    where = f" of {country_phrase(office.country.name)}" if with_country else ""
    if office.end is None:
        return f"{office.title}{where} since {fuzzy_date(office.start)}"
    return f"{office.title}{where}, {fuzzy_date(office.start)}–{fuzzy_date(office.end)}"


def membership_label(membership: Membership) -> str:
    org = membership.organization
    short = org.acronym or org.name
    status = membership.get_status_display()
    if membership.status == Membership.Status.MEMBER:
        status = "member"
    elif membership.status == Membership.Status.FOUNDING_MEMBER:
        status = "founding member"
    else:
        status = status.lower()
    text = f"{short} {status}"
    if membership.since:
        text += f" since {fuzzy_date(membership.since)}"
    if membership.until:
        text += f" (until {fuzzy_date(membership.until)})"
    return text


def membership_sentence(membership: Membership) -> str:
    org = membership.organization
    short = org.acronym or org.name
    country = capfirst(country_phrase(membership.country.name))  # "The United Kingdom was …"
    when = fuzzy_date(membership.since)
    if membership.until:
        label = membership.get_status_display().lower()
        return f"{country} was {_article(label)} {label} of the {short} until {fuzzy_date(membership.until)}."
    if membership.status == Membership.Status.FOUNDING_MEMBER:
        return f"{country} is a founding member of the {short}" + (f" ({when})." if when else ".")
    if membership.status == Membership.Status.MEMBER:
        return f"{country} joined the {short} as a full member" + (f" in {when}." if when else ".")
    label = membership.get_status_display().lower()
    return f"{country} has been {_article(label)} {label} of the {short}" + (
        f" since {when}." if when else "."
    )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def office_sentence(office: Office) -> str:
    leader = office.leader.name
    if office.end is None:
        return f"{leader} has been {office.title} of {country_phrase(office.country.name)} since {fuzzy_date(office.start)}."
    return (
        f"{leader} was {office.title} of {country_phrase(office.country.name)} from {fuzzy_date(office.start)} "
        f"to {fuzzy_date(office.end)}."
    )


@dataclass
class StoryContext:
    lines: dict[int, str] = field(default_factory=dict)  # entity pk -> one line of context
    facts: list[str] = field(default_factory=list)  # sentences tying the story's entities together


def story_context(entities: list[Entity]) -> StoryContext:
    """Context for the entities of one story (typed rows: country/leader/organization loaded)."""
    context = StoryContext()
    if not entities:
        return context
    ids = {e.pk for e in entities}
    leader_ids = [e.pk for e in entities if e.kind == Entity.Kind.LEADER]
    country_ids = [e.pk for e in entities if e.kind == Entity.Kind.COUNTRY]
    org_ids = [e.pk for e in entities if e.kind == Entity.Kind.ORGANIZATION]

    offices = (
        list(Office.objects.filter(leader_id__in=leader_ids).select_related("leader", "country"))
        if leader_ids
        else []
    )
    memberships = (
        list(
            Membership.objects.filter(Q(country_id__in=country_ids), organization_id__in=org_ids)
            .select_related("organization", "country")
            .order_by("since")
        )
        if country_ids and org_ids
        else []
    )

    for office in offices:
        if office.country_id in ids:
            context.facts.append(office_sentence(office))
    for membership in memberships:
        context.facts.append(membership_sentence(membership))

    for entity in entities:
        typed = entity.typed
        if entity.kind == Entity.Kind.LEADER:
            own = [o for o in offices if o.leader_id == entity.pk]
            current = [o for o in own if o.end is None] or own
            if current:
                context.lines[entity.pk] = office_label(current[0])
        elif entity.kind == Entity.Kind.COUNTRY:
            own = [m for m in memberships if m.country_id == entity.pk and m.until is None]
            if own:
                context.lines[entity.pk] = "; ".join(membership_label(m) for m in own)
            elif getattr(typed, "capital", ""):
                context.lines[entity.pk] = f"Capital: {typed.capital}" + (
                    f" · {typed.region}" if getattr(typed, "region", "") else ""
                )
        elif entity.kind == Entity.Kind.ORGANIZATION:
            parts = []
            if getattr(typed, "org_kind", ""):
                parts.append(typed.get_org_kind_display())
            if getattr(typed, "founded", None):
                parts.append(f"founded {fuzzy_date(typed.founded)}")
            if parts:
                line = ", ".join(parts)
                context.lines[entity.pk] = line[:1].upper() + line[1:]
        if entity.pk not in context.lines and entity.summary:
            context.lines[entity.pk] = entity.summary.split(". ")[0].rstrip(".")
    return context
