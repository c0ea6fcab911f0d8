"""Caching of public pages for anonymous readers, invalidated by a site-wide version key.

Every cached page and fragment key includes the current *site version*. Saving or deleting a
story, a confirmed link, a mention or a knowledge-base row bumps the version (signals in
``articles.apps``), so publishing, editing and unpublishing show up on the next request, in
every worker when the cache is shared (Redis via ``REDIS_URL``). Stale entries simply expire.

Pages carry a CSP nonce that must differ per response: a cached page is stored with the nonce
replaced by a placeholder and served with the request's own nonce put back.

A story scheduled for later becomes public without any save; cached pages pick it up within
``NEWSROOM_PAGE_CACHE_SECONDS``.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce

VERSION_KEY = "site:version"
NONCE_PLACEHOLDER = "__CSP_NONCE_PLACEHOLDER__"


def site_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_site_version(**kwargs) -> None:
    """Anything a public page shows has changed: cached pages and fragments are stale."""
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)


def invalidate_public_pages() -> None:
    """Bump the site version now and again once the current transaction commits.

    The bump after the commit matters: between the first bump and the commit a concurrent
    request could cache the old rows under the new version. Bulk writes (``bulk_update``, raw
    inserts) send no signals: their callers call this themselves.
    """
    bump_site_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump_site_version)


def page_cache_seconds() -> int:
    return getattr(settings, "NEWSROOM_PAGE_CACHE_SECONDS", 300)


def cached_fragment(name: str, compute, *, parts=()):
    """``compute()``'s value, cached under the site version (for counts, co-occurrence, charts)."""
    seconds = page_cache_seconds()
    if seconds <= 0:
        return compute()
    key = ":".join(["frag", site_version(), name, *map(str, parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def cache_public_page(view):
    """Serve GET pages to anonymous readers from the cache; staff always get a fresh page.

    One cache round trip per hit: the page is stored with the site version it was rendered
    under, fetched together with the current version, and used only if they agree.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = page_cache_seconds()
        anonymous = not request.user.is_authenticated
        if seconds <= 0 or request.method not in ("GET", "HEAD") or not anonymous:
            return view(request, *args, **kwargs)
        # Hashed: query strings can be long (search) and cache backends limit key length.
        address = f"{request.get_host()}{request.get_full_path()}".encode()
        key = f"page:{hashlib.sha256(address).hexdigest()}"
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY) or site_version()
        cached = found.get(key)
        if cached is not None and cached[0] == version:
            _version, content, content_type = cached
            lazy_nonce = get_nonce(request)  # falsy until generated: str() generates it
            nonce = str(lazy_nonce) if lazy_nonce is not None else ""
            response = HttpResponse(content.replace(NONCE_PLACEHOLDER, nonce), content_type=content_type)
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if getattr(response, "render", None) and not response.is_rendered:
            response.render()
        if response.status_code == 200 and not response.streaming:
            content = response.content.decode(response.charset)
            nonce = get_nonce(request)
            if nonce:
                content = content.replace(str(nonce), NONCE_PLACEHOLDER)
            cache.set(key, (version, content, response["Content-Type"]), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    return wrapper
