"""link_article and friends: the rows they write, the decisions they keep, the queries they cost."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import AuditEntry
from entities.linking import (
    add_manual_link,
    confirm_mention,
    link_article,
    link_articles,
    merge_entities,
    reject_mention,
)
from entities.linking.service import FEEDBACK_MIN_REJECTIONS
from entities.models import Alias, AliasFeedback, Entity, EntityLink, EntityRedirect, Mention, Office
from tests.factories import ArticleFactory, LeaderFactory, OfficeFactory, SourceFactory

BODY = (
    "Chinese President Xi Jinping met Alexander Lukashenko in Beijing on Monday. "
    "Xi praised Belarus as a true friend. Lukashenko said Belarus would join BRICS. "
    "Beijing said trade would grow. China and Belarus signed deals."
)


def story(body=BODY, **kwargs):
    kwargs.setdefault("title", "Xi hosts Lukashenko")
    kwargs.setdefault("published_at", datetime.datetime(2025, 6, 1, 12, tzinfo=datetime.UTC))
    return ArticleFactory(body_text=body, content_hash=None, **kwargs)


def entity_names(article, **filters):
    return set(Mention.objects.filter(article=article, **filters).values_list("entity__name", flat=True))


def test_link_article_stores_mentions_and_links(mini_kb):
    article = story()
    result = link_article(article=article)
    assert result.created == Mention.objects.filter(article=article).count() > 0
    mention = Mention.objects.get(article=article, surface="Alexander Lukashenko")
    assert article.body_text[mention.start : mention.end] == "Alexander Lukashenko"
    assert mention.sentence == "Chinese President Xi Jinping met Alexander Lukashenko in Beijing on Monday."
    links = {link.entity.name: link for link in EntityLink.objects.filter(article=article)}
    assert set(links) == {"China", "Belarus", "Xi Jinping", "Alexander Lukashenko", "BRICS"}
    assert links["Xi Jinping"].relevance == EntityLink.Relevance.ABOUT  # in the title
    assert links["BRICS"].relevance == EntityLink.Relevance.MENTIONS  # once, late
    assert links["Xi Jinping"].score > links["BRICS"].score
    assert links["Xi Jinping"].mention_count == 2
    assert links["BRICS"].evidence == "Lukashenko said Belarus would join BRICS."


def test_auto_confirm_threshold(mini_kb, settings):
    article = story()
    link_article(article=article)
    beijing = Mention.objects.filter(article=article, surface="Beijing")
    assert {m.status for m in beijing} == {Mention.Status.SUGGESTED}
    assert Mention.objects.get(article=article, surface="BRICS").status == Mention.Status.CONFIRMED

    settings.NEWSROOM_AUTO_CONFIRM_THRESHOLD = 0.99
    other = story(title="Another", body="Belarus and China.")
    link_article(article=other)
    assert set(Mention.objects.filter(article=other).values_list("status", flat=True)) == {"suggested"}
    assert not EntityLink.objects.filter(article=other).exists()


def test_a_links_mention_count_is_what_readers_see_confirmed(mini_kb, editor):
    """The API said "mentions: N" counting suggestions a reader is not shown."""
    article = story()
    link_article(article=article)
    china = Entity.objects.get(name="China")
    confirmed = Mention.objects.filter(article=article, entity=china, status=Mention.Status.CONFIRMED)
    suggested = Mention.objects.filter(article=article, entity=china, status=Mention.Status.SUGGESTED)
    assert confirmed.exists() and suggested.exists()  # "Chinese", "China" and the capital, "Beijing"
    link = EntityLink.objects.get(article=article, entity=china)
    assert link.mention_count == confirmed.count()
    confirm_mention(mention=suggested.first(), user=editor)
    link.refresh_from_db()
    assert link.mention_count == confirmed.count()  # one more


def test_capital_only_story_gets_a_suggestion_but_no_link(mini_kb):
    article = story(title="Trade", body="Moscow said the move was hostile.")
    link_article(article=article)
    assert entity_names(article, status="suggested") == {"Russia"}
    assert not EntityLink.objects.filter(article=article).exists()


def test_a_headlines_country_stays_when_the_body_names_only_its_capital(mini_kb):
    """The body's "Beijing" (a suggestion) counted as the body naming China, so the headline's
    confirmed "China" was dropped: the story was missing from China's page and filters."""
    article = story(
        title="Kazakhstan signs accord with China",
        body="Officials in Beijing said the pact covers border security and trade.",
    )
    link_article(article=article)
    china = mini_kb["countries"]["China"]
    assert EntityLink.objects.filter(article=article, entity=china).exists()
    statuses = dict(Mention.objects.filter(article=article, entity=china).values_list("method", "status"))
    assert statuses["title"] == Mention.Status.CONFIRMED and Mention.Status.SUGGESTED in statuses.values()


def test_relinking_never_duplicates_or_overwrites_decisions(mini_kb, editor):
    article = story()
    link_article(article=article)
    count = Mention.objects.filter(article=article).count()
    rejected = Mention.objects.get(article=article, surface="BRICS")
    reject_mention(mention=rejected, user=editor)
    beijing = Mention.objects.filter(article=article, surface="Beijing").first()
    confirm_mention(mention=beijing, user=editor)

    again = link_article(article=article)
    assert again.created == 0
    assert again.deleted == 0
    assert Mention.objects.filter(article=article).count() == count
    rejected.refresh_from_db()
    beijing.refresh_from_db()
    assert rejected.status == Mention.Status.REJECTED
    assert rejected.decided_by == editor
    assert beijing.status == Mention.Status.CONFIRMED
    assert not EntityLink.objects.filter(article=article, entity__name="BRICS").exists()


def test_decisions_follow_the_text_when_the_body_is_edited(mini_kb, editor):
    article = story()
    link_article(article=article)
    brics = Mention.objects.get(article=article, surface="BRICS")
    reject_mention(mention=brics, user=editor)
    article.body_text = "Breaking news. " + article.body_text
    article.save()
    link_article(article=article)
    brics.refresh_from_db()
    assert brics.status == Mention.Status.REJECTED
    assert article.body_text[brics.start : brics.end] == "BRICS"
    assert Mention.objects.filter(article=article, entity=brics.entity).count() == 1


def test_removed_text_drops_undecided_suggestions(mini_kb):
    article = story(title="Summit")
    link_article(article=article)
    article.body_text = "Belarus and China signed deals."
    link_article(article=article)
    assert entity_names(article) == {"Belarus", "China"}
    assert set(EntityLink.objects.filter(article=article).values_list("entity__name", flat=True)) == {
        "Belarus",
        "China",
    }


def test_confirm_or_reject_every_mention_of_an_entity_in_the_story(mini_kb, editor):
    article = story()
    link_article(article=article)
    lukashenko = Mention.objects.filter(article=article, entity__name="Alexander Lukashenko").first()
    assert reject_mention(mention=lukashenko, user=editor, all_in_story=True) == 2
    assert set(
        Mention.objects.filter(article=article, entity__name="Alexander Lukashenko").values_list(
            "status", flat=True
        )
    ) == {"rejected"}
    assert not EntityLink.objects.filter(article=article, entity=lukashenko.entity).exists()


def test_manual_link_without_span(mini_kb, editor):
    article = story(title="Trade", body="Nothing relevant here.")
    link_article(article=article)
    mention = add_manual_link(article=article, entity=mini_kb["countries"]["Ukraine"], user=editor)
    assert mention.start is None and mention.status == Mention.Status.CONFIRMED
    link_article(article=article)  # relinking keeps the manual link
    assert EntityLink.objects.filter(article=article, entity__name="Ukraine").exists()
    assert Mention.objects.filter(article=article).count() == 1


def test_title_only_entity_gets_a_spanless_mention(mini_kb):
    article = story(title="Ukraine talks", body="The talks resumed on Monday.")
    link_article(article=article)
    mention = Mention.objects.get(article=article)
    assert (mention.entity.name, mention.start, mention.method) == ("Ukraine", None, "title")
    assert EntityLink.objects.get(article=article).relevance == EntityLink.Relevance.ABOUT


@time_machine.travel(datetime.datetime(2019, 3, 1, tzinfo=datetime.UTC))
def test_title_without_a_story_date_resolves_on_today(mini_kb):
    article = story(title="Visit", body="The American president visited.", published_at=None)
    link_article(article=article)
    assert entity_names(article) == {"United States", "Donald Trump"}


def test_title_resolves_on_the_story_date(mini_kb):
    old = story(
        title="Visit",
        body="The American president visited.",
        published_at=datetime.datetime(2022, 3, 1, tzinfo=datetime.UTC),
    )
    link_article(article=old)
    assert entity_names(old) == {"United States", "Joe Biden"}


def test_feedback_lowers_confidence_of_an_alias_rejected_in_a_source(mini_kb, editor):
    sports = SourceFactory(name="Sports wire")
    news = SourceFactory(name="News wire")
    body = "Chad beat the visitors."
    for index in range(FEEDBACK_MIN_REJECTIONS):
        article = story(title=f"Match {index}", body=body, source=sports)
        link_article(article=article)
        reject_mention(mention=Mention.objects.get(article=article), user=editor)
    chad = Alias.objects.get(text="Chad")
    feedback = AliasFeedback.objects.get(alias=chad, source=sports)
    assert (feedback.confirmed, feedback.rejected) == (0, FEEDBACK_MIN_REJECTIONS)

    in_sports = story(
        title="Match again", body="Chad's government in N'Djamena said talks failed.", source=sports
    )
    in_news = story(title="Talks", body="Chad's government in N'Djamena said talks failed.", source=news)
    link_article(article=in_sports)
    link_article(article=in_news)
    sports_chad = Mention.objects.get(article=in_sports, alias=chad)
    news_chad = Mention.objects.get(article=in_news, alias=chad)
    assert news_chad.status == Mention.Status.CONFIRMED
    assert sports_chad.confidence < news_chad.confidence
    assert sports_chad.status == Mention.Status.SUGGESTED


def test_merge_entities_moves_everything_and_redirects(mini_kb, editor):
    putin = mini_kb["leaders"]["Vladimir Putin"]
    duplicate = LeaderFactory(name="V. Putin", slug="v-putin")
    Alias.objects.create(entity=duplicate, text="V. Putin")
    Alias.objects.create(entity=duplicate, text="Vladimir V. Putin")
    office = OfficeFactory(
        leader=duplicate, country=mini_kb["countries"]["Russia"], title="Acting President",
        start=datetime.date(1999, 12, 31), end=datetime.date(2000, 5, 7),
    )  # fmt: skip
    article = story(title="Kremlin", body="V. Putin spoke in Moscow.")
    link_article(article=article)
    assert entity_names(article) >= {"V. Putin"}

    moved = merge_entities(survivor=putin, merged=duplicate, user=editor)
    assert moved == {"mentions": 1, "aliases": 2, "offices": 1, "memberships": 0}
    assert entity_names(article) >= {"Vladimir Putin"}
    assert "V. Putin" not in entity_names(article)
    assert EntityLink.objects.filter(article=article, entity=putin).exists()
    assert Office.objects.get(pk=office.pk).leader_id == putin.pk
    assert EntityRedirect.objects.get(old_slug="v-putin").entity_id == putin.pk
    assert Alias.objects.filter(entity=putin, text="Vladimir V. Putin").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MERGE, user=editor).exists()
    link_article(article=article)
    assert Mention.objects.filter(article=article, entity=putin, surface="V. Putin").count() == 1


def test_merge_refuses_different_kinds(mini_kb):
    with pytest.raises(ValueError, match="Cannot merge"):
        merge_entities(
            survivor=mini_kb["countries"]["Russia"], merged=mini_kb["leaders"]["Vladimir Putin"], user=None
        )


def test_link_step_query_count_is_bounded(mini_kb):
    articles = [story(title=f"Story {i}", body=BODY * (i + 1)) for i in range(3)]
    link_article(article=articles[0])  # build the matcher once
    counts = []
    for article in articles[1:]:
        with CaptureQueriesContext(connection) as queries:
            link_article(article=article)
        counts.append(len(queries))
    assert counts[0] == counts[1]  # independent of the body's length and the number of mentions
    assert counts[0] <= 10


def test_link_articles_streams_results(mini_kb):
    articles = [story(title=f"Story {i}") for i in range(3)]
    results = list(link_articles(ids=[a.pk for a in articles]))
    assert [r.article_id for r in results] == sorted(a.pk for a in articles)
    assert all(r.created > 0 for r in results)


def test_command_links_given_articles(mini_kb, capsys):
    first, second = story(title="One"), story(title="Two")
    call_command("link_entities", str(first.pk), verbosity=0)
    assert Mention.objects.filter(article=first).exists()
    assert not Mention.objects.filter(article=second).exists()
    out = capsys.readouterr().out
    assert out.startswith("Linked 1 stories:")


def test_command_all_and_errors(mini_kb, capsys):
    articles = [story(title=f"Story {i}") for i in range(2)]
    call_command("link_entities", "--all")
    captured = capsys.readouterr()
    assert "Linked 2 stories" in captured.out
    assert "2/2" in captured.err  # the progress bar
    assert all(Mention.objects.filter(article=a).exists() for a in articles)
    with pytest.raises(CommandError, match="either --all"):
        call_command("link_entities")
    with pytest.raises(CommandError, match="No story with id 999999"):
        call_command("link_entities", "999999")


def test_editing_the_body_relinks_after_commit(mini_kb, django_capture_on_commit_callbacks):
    article = story(title="Quiet", body="Nothing here.")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.body_text = "Belarus and China signed deals."
        article.save()
    assert len(relinks(callbacks)) == 1
    assert entity_names(article) == {"Belarus", "China"}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.byline = "Staff"
        article.save()
    assert relinks(callbacks) == []  # saving without a text change does not relink


def relinks(callbacks):
    """The relink callbacks among those run on commit (page-cache invalidation runs there too)."""
    return [callback for callback in callbacks if callback.__qualname__.startswith("relink_changed_text")]


def test_merged_entity_old_slug_redirects(mini_kb, client):
    putin = mini_kb["leaders"]["Vladimir Putin"]
    duplicate = LeaderFactory(name="V. Putin", slug="v-putin")
    merge_entities(survivor=putin, merged=duplicate, user=None)
    response = client.get("/leaders/v-putin/")
    assert response.status_code == 301
    assert response["Location"] == putin.get_absolute_url()


def test_link_articles_queries_per_chunk_not_per_story(mini_kb):
    warm_up = story(title="Warm-up")
    small = [story(title=f"Small {i}") for i in range(2)]
    large = [story(title=f"Large {i}") for i in range(8)]
    list(link_articles(ids=[warm_up.pk]))  # build the matcher once
    with CaptureQueriesContext(connection) as two:
        list(link_articles(ids=[a.pk for a in small]))
    with CaptureQueriesContext(connection) as eight:
        list(link_articles(ids=[a.pk for a in large]))
    assert len(eight) == len(two)
    assert (
        Mention.objects.filter(article__in=large).count()
        == 8 * Mention.objects.filter(article=small[1]).count()
    )


def test_command_dry_run_saves_nothing(mini_kb, capsys):
    article = story(title="One")
    call_command("link_entities", str(article.pk), "--dry-run", verbosity=0)
    assert capsys.readouterr().out.startswith("Dry run, nothing saved. Would have linked 1 stories:")
    assert not Mention.objects.filter(article=article).exists()


def test_a_capital_in_the_headline_and_the_body_is_one_suggestion(mini_kb):
    """The headline rule added the headline's "Beijing" beside the body's: two suggestions of
    China for the editor to decide twice."""
    article = story(
        title="Talks in Beijing", body="Officials in Beijing said the pact covers border security and trade."
    )
    link_article(article=article)
    china = mini_kb["countries"]["China"]
    assert Mention.objects.filter(article=article, entity=china).count() == 1
    result = link_article(article=article)
    assert (result.created, result.updated, result.deleted) == (0, 0, 0)
