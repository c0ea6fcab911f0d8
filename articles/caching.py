"""Caching of public pages for anonymous readers, invalidated by a site-wide version key.

Every cached page and fragment key includes the current *site version*. Saving or deleting a
story, a confirmed link, a mention or a knowledge-base row bumps the version (signals in
``articles.apps``), so publishing, editing and unpublishing show up on the next request, in
every worker when the cache is shared (Redis via ``REDIS_URL``). Stale entries simply expire.

Pages carry a CSP nonce that must differ per response: a cached page is stored with the nonce
replaced by a placeholder and served with the request's own nonce put back.

A story scheduled for later becomes public without any save: the time of the next scheduled
publication is kept beside the version (one query per version), and the first request after
that time bumps the version, so the story shows up at once everywhere.

Two settings: ``NEWSROOM_PAGE_CACHE_SECONDS`` for whole pages served to anonymous readers and
``NEWSROOM_FRAGMENT_CACHE_SECONDS`` for the expensive parts of pages (counts, co-occurrence,
charts, a story's related stories and context); ``0`` switches either off.
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csp import get_nonce
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers

VERSION_KEY = "site:version"
SCHEDULE_KEY = "site:next-scheduled"
NONCE_PLACEHOLDER = "__CSP_NONCE_PLACEHOLDER__"


def site_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def current_version(found: dict | None = None) -> str:
    """The site version, moved on first if a scheduled story's publication time has come.

    ``found`` is what a caller already fetched with ``cache.get_many([VERSION_KEY,
    SCHEDULE_KEY, ...])``, so a cache hit costs one round trip.
    """
    if found is None:
        found = cache.get_many([VERSION_KEY, SCHEDULE_KEY])
    version = found.get(VERSION_KEY) or site_version()
    schedule = found.get(SCHEDULE_KEY)
    if schedule is None or schedule[0] != version:
        schedule = (version, next_scheduled_time())
        cache.set(SCHEDULE_KEY, schedule, timeout=None)
    if schedule[1] is not None and time.time() >= schedule[1]:
        # No second look at the cache: a replica that has not seen the bump yet would make
        # every request bump again. Workers crossing the time together may each bump once.
        version = bump_site_version()
        cache.set(SCHEDULE_KEY, (version, next_scheduled_time()), timeout=None)
    return version


def next_scheduled_time() -> float | None:
    """When the next scheduled story becomes public (a POSIX timestamp), if any is scheduled."""
    from .models import Article

    when = Article.objects.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
    return when.timestamp() if when else None


def bump_site_version(**kwargs) -> str:
    """Anything a public page shows has changed: cached pages and fragments are stale."""
    version = str(time.time_ns())
    cache.set(VERSION_KEY, version, timeout=None)
    return version


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


def fragment_cache_seconds() -> int:
    return getattr(settings, "NEWSROOM_FRAGMENT_CACHE_SECONDS", 300)


def cached_fragment(name: str, compute, *, parts=()):
    """``compute()``'s value, cached under the site version (counts, co-occurrence, charts…).

    Like pages, a fragment is stored with the version it was computed under and fetched
    together with the current version: one cache round trip per hit.
    """
    seconds = fragment_cache_seconds()
    if seconds <= 0:
        return compute()
    key = ":".join(["frag", name, *map(str, parts)])
    found = cache.get_many([VERSION_KEY, SCHEDULE_KEY, key])
    version = current_version(found)
    cached = found.get(key)
    if cached is not None and cached[0] == version:
        return cached[1]
    value = compute()
    cache.set(key, (version, value), seconds)
    return value


def _page_lookup(request):
    """(key, version, cached entry or None) for this request's page: one cache round trip."""
    # Hashed: query strings can be long (search) and cache backends limit key length.
    address = f"{request.get_host()}{request.get_full_path()}".encode()
    key = f"page:{hashlib.sha256(address).hexdigest()}"
    found = cache.get_many([VERSION_KEY, SCHEDULE_KEY, key])
    version = current_version(found)
    cached = found.get(key)
    return key, version, (cached if cached is not None and cached[0] == version else None)


def _cached_response(request, cached) -> HttpResponse:
    _version, content, content_type = cached
    if NONCE_PLACEHOLDER in content:
        lazy_nonce = get_nonce(request)  # falsy until generated: str() generates it
        content = content.replace(NONCE_PLACEHOLDER, str(lazy_nonce) if lazy_nonce is not None else "")
    response = HttpResponse(content, content_type=content_type)
    response["X-Page-Cache"] = "hit"
    patch_vary_headers(response, ["Cookie"])  # anonymous readers only: a shared cache must know
    return response


def cache_public_page(view):
    """Serve GET pages to anonymous readers from the cache; staff always get a fresh page.

    One cache round trip per hit: the page is stored with the site version it was rendered
    under, fetched together with the current version, and used only if they agree. Requests
    without a session cookie are answered by ``PublicPageCacheMiddleware`` before most of the
    middleware runs; this wrapper serves the rest (a session cookie but no login) and stores.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = page_cache_seconds()
        anonymous = not request.user.is_authenticated
        if seconds <= 0 or request.method not in ("GET", "HEAD") or not anonymous:
            return view(request, *args, **kwargs)
        looked_up = getattr(request, "_page_cache_lookup", None)
        key, version, cached = looked_up or _page_lookup(request)
        if cached is not None:
            return _cached_response(request, cached)
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

    wrapper.caches_public_page = True
    return wrapper


class PublicPageCacheMiddleware:
    """Answer cached public pages before the session, CSRF, auth and messages middleware run.

    Only for requests that cannot be a logged-in user's (no session cookie) and only for views
    wrapped in ``cache_public_page``. Placed after the security, CSP and frame-options
    middleware, so cached pages get the same headers (and a fresh CSP nonce) as fresh ones.
    A miss is handed on with what was looked up, so the view does not look again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and page_cache_seconds() > 0
        ):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                match = None
            if match is not None and getattr(match.func, "caches_public_page", False):
                request._page_cache_lookup = _page_lookup(request)
                cached = request._page_cache_lookup[2]
                if cached is not None:
                    return _cached_response(request, cached)
        return self.get_response(request)
