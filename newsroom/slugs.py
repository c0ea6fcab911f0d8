"""URL slugs for any script: "Лукашенко встретился с Си" -> "lukashenko-vstretilsya-s-si".

Django's ``slugify`` drops every character outside ASCII, so a Cyrillic or Chinese headline
became the fallback "story" (then "story-2", "story-3"...). anyascii transliterates first (a
maintained, dependency-free table covering every script), and ``slugify`` does the rest.
"""

from anyascii import anyascii
from django.utils.text import slugify


def ascii_slug(text: str, *, max_length: int = 80, fallback: str = "story") -> str:
    """A lowercase ASCII slug of ``text``, at most ``max_length`` characters, cut at a hyphen."""
    slug = slugify(anyascii(text or ""))
    if len(slug) > max_length:
        slug = slug[:max_length]
        if "-" in slug[max_length // 2 :]:
            slug = slug[: slug.rindex("-")]
    return slug.strip("-") or fallback
