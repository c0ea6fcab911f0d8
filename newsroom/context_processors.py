"""Template context shared by every public page."""

import functools

from django.urls import get_script_prefix, reverse


def site_links(request):
    """The layout's navigation and feed addresses, reversed once per process (and prefix).

    Every page links to the same nine places; reversing them on each request was a tenth of
    rendering a story page.
    """
    return {"site_links": _links(get_script_prefix())}


@functools.cache
def _links(prefix: str) -> dict[str, str]:
    names = {
        "home": "articles:home",
        "stories": "articles:list",
        "search": "articles:search",
        "rss": "articles:feed_rss",
        "atom": "articles:feed_atom",
        "countries": "entities:country_list",
        "leaders": "entities:leader_list",
        "organizations": "entities:organization_list",
        "sitemap": "sitemap",
    }
    return {key: reverse(name) for key, name in names.items()}
