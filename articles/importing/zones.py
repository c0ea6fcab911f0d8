"""The time zone a site prints its times in, told by its address's country domain.

A page or a record whose times carry no zone (a page's "12.03.2024, 14:35 Uhr") is read in its
site's zone when the address's country has one ("rundschau.de": Europe/Berlin; "gazette.co.uk": Europe/London,
where "BST" is British Summer Time), not in the newsroom's. A country whose zones disagree (Spain
and the Canaries, Russia, the United States) tells nothing, and neither do the country domains
that sites take for their letters (".io", ".tv", ".fm").
"""

import functools
import importlib.resources
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

# Country domains whose sites are mostly not from that country.
_BORROWED_DOMAINS = {
    "ai", "am", "cc", "co", "fm", "gd", "gg", "io", "la", "ly", "md", "me", "nu", "sh", "so", "st", "tk", "to",
    "tv", "vc", "ws",
}  # fmt: skip
_DOMAIN_COUNTRY = {"uk": "GB"}  # the one country domain that is not the ISO code


def site_zone(url: str) -> ZoneInfo | None:
    """The zone of the country whose domain ``url`` is on, when the country has one."""
    country = _site_country(url)
    return _country_zone(country) if country else None


def zones_apart(url: str) -> str:
    """The name of the country whose domain ``url`` is on when its zones disagree ("Russia"):
    a time there without its zone could be any of them; "" otherwise."""
    country = _site_country(url)
    if not country or not _zones_by_country().get(country) or _country_zone(country) is not None:
        return ""
    import pycountry

    found = pycountry.countries.get(alpha_2=country)
    return getattr(found, "common_name", None) or getattr(found, "name", country)


def _site_country(url: str) -> str:
    """The ISO code of the country whose domain ``url`` is on ("" for a borrowed or generic one)."""
    try:
        host = urlsplit(url or "").hostname or ""
    except ValueError:
        return ""
    domain = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(domain) != 2 or domain in _BORROWED_DOMAINS:
        return ""
    return _DOMAIN_COUNTRY.get(domain, domain.upper())


@functools.cache
def _country_zone(country: str) -> ZoneInfo | None:
    names = _zones_by_country().get(country, [])
    if not names:
        return None
    zones = [ZoneInfo(name) for name in names]
    # The same offset in winter and in summer everywhere in the country (Berlin and Büsingen).
    for moment in (datetime(2025, 1, 15, 12, tzinfo=UTC), datetime(2025, 7, 15, 12, tzinfo=UTC)):
        if len({moment.astimezone(zone).utcoffset() for zone in zones}) > 1:
            return None
    return zones[0]


@functools.cache
def _zones_by_country() -> dict[str, list[str]]:
    """zone.tab of the IANA database (the tzdata package): each country's zones."""
    table = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            country, _, name = line.split("\t")[:3]
            zones.setdefault(country, []).append(name)
    return zones
