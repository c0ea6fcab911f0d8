"""Language tags: pages, feeds and exports store a story's language spelled the same way."""

import re

_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?(?:[-_].*)?$")


def language_tag(value: str | None) -> str:
    """A declared language as a BCP 47 language[-REGION] tag: "en_us" -> "en-US", "pt-br" ->
    "pt-BR", "fr, en" -> "fr" (script and other subtags dropped); empty when the value is not a
    tag ("English", a template's "{{ lang }}") or says the language is undetermined ("und")."""
    match = _TAG.match((value or "").strip().split(",")[0].strip())
    if not match or match[1].lower() == "und":
        return ""
    language, region = match[1].lower(), match[2]
    return f"{language}-{region.upper()}" if region else language
