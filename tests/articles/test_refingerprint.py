"""``refingerprint``: stories stored before a change in how words are read are found again."""

import io

import pytest
from django.core.management import call_command

from articles.importing.pipeline import content_hash, import_file, refingerprint_articles
from articles.models import Article, ShingleBand

from .test_import_kinds import THAI_DUMP

# The same story saved from another page of the site: other bytes, the same text.
OTHER_COPY = ("ข่าวเด่น\n" + THAI_DUMP).encode()


def _stale(article: Article) -> None:
    """Fingerprints as an older reading of its words left them (a Thai clause was one word)."""
    Article.objects.filter(pk=article.pk).update(content_hash="0" * 64, minhash=bytes(len(article.minhash)))
    ShingleBand.objects.filter(article=article).delete()


@pytest.mark.django_db
def test_a_story_stored_before_the_reading_changed_is_found_again_once_refingerprinted():
    [first] = import_file(data=THAI_DUMP.encode(), name="bangkok.txt")
    story = Article.objects.get(pk=first.article_id)
    fresh = (
        story.content_hash,
        bytes(story.minhash),
        set(ShingleBand.objects.filter(article=story).values_list("key", flat=True)),
    )
    _stale(story)
    [missed] = import_file(data=OTHER_COPY, name="bangkok-2.txt", dry_run=True)
    assert missed.outcome == "imported"  # (the old fingerprints do not match the new reading)

    out = io.StringIO()
    call_command("refingerprint", stdout=out)

    story.refresh_from_db()
    assert story.content_hash == fresh[0] == content_hash(story.body_text)
    assert bytes(story.minhash) == fresh[1]
    assert set(ShingleBand.objects.filter(article=story).values_list("key", flat=True)) == fresh[2]
    assert "Fingerprints changed: 1; unchanged: 0;" in out.getvalue()
    [again] = import_file(data=OTHER_COPY, name="bangkok-2.txt")
    assert again.outcome == "duplicate" and again.article_id == story.pk


@pytest.mark.django_db
def test_a_dry_run_writes_nothing_and_a_second_run_changes_nothing():
    [first] = import_file(data=THAI_DUMP.encode(), name="bangkok.txt")
    story = Article.objects.get(pk=first.article_id)
    _stale(story)

    assert [r.outcome for r in refingerprint_articles(dry_run=True)] == ["changed"]
    assert Article.objects.get(pk=story.pk).content_hash == "0" * 64
    assert not ShingleBand.objects.filter(article=story).exists()
    assert [r.outcome for r in refingerprint_articles()] == ["changed"]
    assert [r.outcome for r in refingerprint_articles()] == ["same"]


@pytest.mark.django_db
def test_a_story_whose_text_now_reads_as_anothers_keeps_its_fingerprints_and_is_named():
    [first] = import_file(data=THAI_DUMP.encode(), name="bangkok.txt")
    original = Article.objects.get(pk=first.article_id)
    copy = Article.objects.create(
        title="Copy", slug="copy", body_text=original.body_text, content_hash="1" * 64
    )

    written = Article.objects.create(title="Written here", slug="written", body_text=original.body_text)

    results = list(refingerprint_articles(chunk=1))

    assert results == [(original.pk, "same", None), (copy.pk, "clash", original.pk)]
    # (a story an editor wrote has no fingerprints, and is given none)
    assert Article.objects.get(pk=written.pk).content_hash is None
    assert not ShingleBand.objects.filter(article=written).exists()
    assert Article.objects.get(pk=copy.pk).content_hash == "1" * 64
    err = io.StringIO()
    call_command("refingerprint", stdout=io.StringIO(), stderr=err)
    assert f"story #{copy.pk}: its text now reads as story #{original.pk}'s" in err.getvalue()
