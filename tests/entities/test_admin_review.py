"""Editors review mentions in the admin; reporters see them but cannot decide."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from entities.linking import link_article
from entities.models import Alias, Entity, EntityLink, EntityRedirect, Leader, Mention
from tests.factories import ArticleFactory, LeaderFactory, SourceFactory

BODY = (
    "Belarusian President Alexander Lukashenko met Chinese leaders.\nBeijing said Jean-Claude Mbeki attended."
)


@pytest.fixture
def article(mini_kb):
    article = ArticleFactory(title="Summit", body_text=BODY, content_hash=None, source=SourceFactory())
    link_article(article=article)
    return article


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def decide_url(article):
    return reverse("admin:entities_mention_decide", args=[article.pk])


def test_change_page_highlights_mentions_in_place(editor_client, article):
    response = editor_client.get(change_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<mark class="mention kind-leader status-confirmed"[^>]*>Alexander Lukashenko<', html)
    assert re.search(r'<mark class="mention kind-country status-suggested"[^>]*>Beijing<', html)
    assert 'class="unknown-name" data-name="Jean-Claude Mbeki"' in html
    assert "js/mention-review.js" in html
    assert "<script>" not in html.replace(" ", "")  # no inline script (CSP)


def test_one_click_confirm_creates_the_link(editor_client, editor, article):
    beijing = Mention.objects.get(article=article, surface="Beijing")
    response = editor_client.post(decide_url(article), {"decision": f"confirm:{beijing.pk}"})
    assert response.status_code == 302
    assert response["Location"].endswith("#mention-review")
    beijing.refresh_from_db()
    assert (beijing.status, beijing.decided_by) == (Mention.Status.CONFIRMED, editor)
    assert EntityLink.objects.filter(article=article, entity=beijing.entity).exists()


def test_reject_every_mention_of_an_entity(editor_client, article):
    mention = Mention.objects.filter(article=article, entity__name="Belarus").first()
    editor_client.post(decide_url(article), {"decision": f"reject-all:{mention.pk}"})
    assert set(
        Mention.objects.filter(article=article, entity__name="Belarus").values_list("status", flat=True)
    ) == {"rejected"}
    assert not EntityLink.objects.filter(article=article, entity__name="Belarus").exists()


def test_reporters_cannot_decide_or_add(client, reporter, article):
    client.force_login(reporter)
    mention = Mention.objects.filter(article=article).first()
    page = client.get(change_url(article))
    assert page.status_code == 200
    assert 'name="decision"' not in page.content.decode()
    assert client.post(decide_url(article), {"decision": f"reject:{mention.pk}"}).status_code == 403
    manual = reverse("admin:entities_manual_link", args=[article.pk])
    assert client.post(manual, {"entity": mention.entity_id}).status_code == 403
    mention.refresh_from_db()
    assert mention.status != Mention.Status.REJECTED


def test_manual_link_by_autocomplete(editor_client, article, mini_kb):
    page = editor_client.get(change_url(article)).content.decode()
    assert "admin-autocomplete" in page
    assert page.count("vendor/jquery/jquery") == 1  # the widget's media merged with the page's
    ukraine = mini_kb["countries"]["Ukraine"]
    editor_client.post(reverse("admin:entities_manual_link", args=[article.pk]), {"entity": ukraine.pk})
    mention = Mention.objects.get(article=article, entity=ukraine)
    assert (mention.start, mention.status, mention.method) == (None, "confirmed", "manual")


def test_create_entity_from_an_unknown_name(editor_client, article):
    response = editor_client.post(
        reverse("admin:entities_new_entity", args=[article.pk]),
        {"name": "Jean-Claude Mbeki", "kind": "leader", "alias": ""},
    )
    assert response.status_code == 302
    leader = Leader.objects.get(name="Jean-Claude Mbeki")
    assert Alias.objects.filter(entity=leader, text="Jean-Claude Mbeki").exists()
    mention = Mention.objects.get(article=article, entity=leader)
    assert article.body_text[mention.start : mention.end] == "Jean-Claude Mbeki"


def test_an_entity_is_not_created_under_a_name_another_has(editor_client, article):
    """A second "Belarus" made the name ambiguous: the linker dropped the country from the story."""
    url = reverse("admin:entities_new_entity", args=[article.pk])
    before = Entity.objects.count()
    for name, alias in (("belarus", ""), ("Belarus Union", "Belarus"), ("Lukashenko", "")):
        response = editor_client.post(
            url, {"name": name, "kind": "organization", "alias": alias}, follow=True
        )
        assert "already names" in response.content.decode()
    assert Entity.objects.count() == before
    assert EntityLink.objects.filter(article=article, entity__name="Belarus").exists()


def test_unknown_names_are_offered_without_their_titles(editor_client, mini_kb):
    article = ArticleFactory(
        title="Visit", body_text="President William Ruto met Prime Minister Narendra Modi.", content_hash=None
    )
    page = editor_client.get(change_url(article)).content.decode()
    assert re.findall(r'class="unknown-name" data-name="([^"]+)"', page) == ["William Ruto", "Narendra Modi"]
    # A title before a single name keeps it; "General" and "Premier" start names, not titles.
    article.body_text = "General Motors cut jobs. Pope Francis spoke. Premier League clubs met."
    article.save()
    page = editor_client.get(change_url(article)).content.decode()
    assert re.findall(r'class="unknown-name" data-name="([^"]+)"', page) == [
        "General Motors",
        "Pope Francis",
        "Premier League",
    ]


def test_relink_action(editor_client, mini_kb):
    article = ArticleFactory(title="Quiet", body_text="Russia and Ukraine.", content_hash=None)
    response = editor_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "relink_selected", ACTION_CHECKBOX_NAME: [article.pk]},
        follow=True,
    )
    assert "Relinked 1 story: “Quiet”." in response.content.decode()
    assert Mention.objects.filter(article=article).count() == 2


def test_merge_action_with_confirmation(editor_client, mini_kb):
    putin = mini_kb["leaders"]["Vladimir Putin"]
    duplicate = LeaderFactory(name="Vladimir V. Putin", slug="vladimir-v-putin")
    url = reverse("admin:entities_entity_changelist")
    data = {"action": "merge_two_entities", ACTION_CHECKBOX_NAME: [putin.pk, duplicate.pk]}
    page = editor_client.post(url, data)
    assert page.status_code == 200
    assert "Choose the entity that survives" in page.content.decode()
    done = editor_client.post(url, {**data, "confirm_merge": "yes", "survivor": putin.pk}, follow=True)
    html = done.content.decode()
    assert "Merged Vladimir V. Putin into Vladimir Putin" in html
    assert "Back-fill the archive" in html
    assert not Leader.objects.filter(pk=duplicate.pk).exists()
    assert EntityRedirect.objects.get(old_slug="vladimir-v-putin").entity_id == putin.pk


def test_backfill_relinks_affected_stories_in_the_background(editor_client, mini_kb):
    belarus = mini_kb["countries"]["Belarus"]
    article = ArticleFactory(title="Grodno", body_text="Grodno hosted a fair.", content_hash=None)
    ArticleFactory(title="Other", body_text="Nothing here.", content_hash=None)
    Alias.objects.create(entity=belarus, text="Grodno", kind="other")
    url = reverse("admin:entities_backfill") + "?text=Grodno"
    assert "1 story contain" in editor_client.get(url).content.decode()
    response = editor_client.post(url, {"text": "Grodno"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:entities_review_queue")
    assert Mention.objects.filter(article=article, entity=belarus).exists()  # the immediate backend ran it


def test_review_queue_oldest_first_with_counts(editor_client, mini_kb):
    older = ArticleFactory(title="Older story", body_text="Moscow said no.", content_hash=None)
    newer = ArticleFactory(title="Newer story", body_text="Beijing said no. Minsk agreed.", content_hash=None)
    done = ArticleFactory(title="Reviewed story", body_text="Russia agreed.", content_hash=None)
    for article in (older, newer, done):
        link_article(article=article)
    with CaptureQueriesContext(connection) as queries:
        html = editor_client.get(reverse("admin:entities_review_queue")).content.decode()
    # The counts group by the columns shown, never by the bodies and originals (1 s a page).
    counted = [q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]]
    assert counted and not any('"original"' in sql or '"body_html"' in sql for sql in counted)
    assert "Reviewed story" not in html
    assert html.index("Older story") < html.index("Newer story")
    assert re.search(
        r"Newer story</a></td>\s*<td>[^<]*</td>\s*<td>[^<]*</td>\s*<td class=\"suggested\">2</td>", html
    )


def test_tagging_quality_page(editor_client, editor, article, mini_kb):
    mention = Mention.objects.get(article=article, surface="Beijing")
    editor_client.post(decide_url(article), {"decision": f"reject:{mention.pk}"})
    html = editor_client.get(reverse("admin:entities_tagging_quality")).content.decode()
    assert re.search(r"<td>China</td><td>country</td><td>0</td><td>1</td><td class=\"rate\">0%</td>", html)
    linked = EntityLink.objects.values("entity").distinct().count()
    assert f"Entities with no stories ({Entity.objects.count() - linked})" in html
    assert (
        f"Stories with no confirmed entity ({Article.objects.exclude(entity_links__isnull=False).count()})"
        in html
    )
    assert "Beijing</td>" in html  # the alias feedback numbers


def test_reporter_can_open_queue_but_not_backfill(client, reporter, article):
    client.force_login(reporter)
    assert client.get(reverse("admin:entities_review_queue")).status_code == 200
    assert client.get(reverse("admin:entities_backfill") + "?text=X").status_code == 403


def test_adding_an_alias_offers_to_backfill_the_archive(editor_client, mini_kb):
    belarus = mini_kb["countries"]["Belarus"]
    response = editor_client.post(
        reverse("admin:entities_alias_add"),
        {"entity": belarus.pk, "text": "Grodno", "kind": "other"},
        follow=True,
    )
    html = response.content.decode()
    assert Alias.objects.filter(entity=belarus, text="Grodno").exists()
    assert "Back-fill the archive with these names?" in html
    assert reverse("admin:entities_backfill") + "?text=Grodno" in html


def test_add_page_and_history_button_still_work(editor_client, article):
    assert editor_client.get(reverse("admin:articles_article_add")).status_code == 200
    page = editor_client.get(change_url(article)).content.decode()
    assert reverse("admin:articles_article_history", args=[article.pk]) in page  # simple_history's button


def test_decisions_need_post(editor_client, article):
    mention = Mention.objects.filter(article=article).first()
    response = editor_client.get(decide_url(article), {"decision": f"reject:{mention.pk}"})
    assert response.status_code == 405
    mention.refresh_from_db()
    assert mention.status != Mention.Status.REJECTED


def test_confirm_all_leaves_an_earlier_rejection_alone(editor_client, article):
    """ "Confirm all" is for the undecided mentions: it used to overturn a rejection silently."""
    China = Entity.objects.get(name="China")
    Mention.objects.filter(article=article, entity=China).delete()
    text = article.body_text
    for start in (text.index("Chinese"), text.index("Beijing")):  # two suggestions of one entity
        Mention.objects.create(
            article=article, entity=China, surface=text[start : start + 7], start=start, end=start + 7
        )
    first, second = Mention.objects.filter(article=article, entity=China).order_by("start")
    editor_client.post(decide_url(article), {"decision": f"reject:{first.pk}"})
    response = editor_client.post(decide_url(article), {"decision": f"confirm-all:{second.pk}"}, follow=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Mention.Status.REJECTED, Mention.Status.CONFIRMED)
    message = [str(m) for m in response.context["messages"]][-1]
    assert message == "Confirmed 1 mention of China. 1 decided differently before keeps that decision."


def test_the_mentions_list_decides_through_the_linking_service(editor_client, editor, article):
    """A status saved by hand on a mention's page left the story's links unchanged, recorded no
    editor, and the next relink undid it; decisions left no trace in the story's history."""
    belarus = Mention.objects.filter(article=article, entity__name="Belarus")
    page = editor_client.get(reverse("admin:entities_mention_change", args=[belarus[0].pk])).content.decode()
    assert 'name="status"' not in page and 'name="_save"' not in page
    response = editor_client.post(
        reverse("admin:entities_mention_changelist"),
        {"action": "reject_selected", ACTION_CHECKBOX_NAME: [m.pk for m in belarus]},
        follow=True,
    )
    assert "Rejected: " in response.content.decode()
    assert {(m.status, m.decided_by) for m in belarus.all()} == {(Mention.Status.REJECTED, editor)}
    assert not EntityLink.objects.filter(article=article, entity__name="Belarus").exists()
    link_article(article=article)  # a relink keeps the decision
    assert set(belarus.values_list("status", flat=True)) == {Mention.Status.REJECTED}
    history = editor_client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "No entity decisions recorded" not in history and "Rejected" in history
    assert editor.username in history

    lukashenko = Mention.objects.get(article=article, surface="Alexander Lukashenko")
    editor_client.post(reverse("admin:entities_mention_delete", args=[lukashenko.pk]), {"post": "yes"})
    assert not EntityLink.objects.filter(article=article, entity=lukashenko.entity).exists()


def test_deleting_a_linked_entity_says_why_it_cannot(editor_client, article):
    """Django named a missing permission for the derived links first, hiding the reason."""
    mention = Mention.objects.get(article=article, surface="Alexander Lukashenko", status="confirmed")
    page = editor_client.get(
        reverse("admin:entities_leader_delete", args=[mention.entity_id])
    ).content.decode()
    assert "merge it into another entity before deleting it" in page
    assert "permission to delete" not in page


def change_form_data(client, url: str) -> dict:
    """What the admin's change form would post unchanged: its inputs, selects and textareas."""
    from lxml import html as lxml_html

    form = lxml_html.fromstring(client.get(url).content).get_element_by_id("country_form")
    data = {}
    for name, value in form.form_values():
        data[name] = value
    return data


def test_a_countrys_demonyms_and_capital_become_aliases_the_linker_finds(editor_client, mini_kb):
    """Edited demonyms and capital were kept in fields the linker never reads."""
    belgium = mini_kb["countries"]["Belgium"]
    url = reverse("admin:entities_country_change", args=[belgium.pk])
    data = change_form_data(editor_client, url)
    data.update({"demonyms": '["Belgian", "Walloon", "Chinese"]', "capital": "Bruxelles"})
    response = editor_client.post(url, data, follow=True)
    # "Chinese" is China's: an alias of two countries would make the linker guess.
    assert "Not made aliases" in response.content.decode() and "Chinese" in response.content.decode()
    aliases = {a.text: a for a in Alias.objects.filter(entity=belgium)}
    assert aliases["Walloon"].kind == Alias.Kind.DEMONYM and aliases["Bruxelles"].kind == Alias.Kind.CAPITAL
    assert aliases["Walloon"].case_sensitive  # as load_entities makes demonyms
    assert "Brussels" not in aliases and "Chinese" not in aliases  # the capital's alias follows the capital
    story = ArticleFactory(title="Beer", body_text="Walloon brewers met in Bruxelles.", content_hash=None)
    link_article(article=story)
    assert Mention.objects.filter(article=story, entity=belgium).count() == 2


def test_a_demonym_two_countries_share_is_not_given_to_one(editor_client, mini_kb):
    """load_entities gives "Congolese" to neither Congo; the admin gave it to the one edited."""
    from entities.models import Country

    from .conftest import _country

    drc = _country("Democratic Republic of the Congo", "CD", "COD")
    roc = _country("Republic of the Congo", "CG", "COG")
    Country.objects.filter(pk__in=[drc.pk, roc.pk]).update(demonyms=["Congolese"])
    url = reverse("admin:entities_country_change", args=[drc.pk])
    data = change_form_data(editor_client, url)
    data.update({"demonyms": '["Congolese", "Kinois"]'})
    response = editor_client.post(url, data, follow=True)
    assert "Not made aliases" in response.content.decode()
    assert not Alias.objects.filter(text="Congolese").exists()
    assert Alias.objects.filter(entity=drc, text="Kinois").exists()


@pytest.mark.parametrize(
    "text, offered",
    [
        ("Premier Li Qiang met them.", ["Li Qiang"]),
        ("General Abdel Fattah al-Burhan spoke.", ["Abdel Fattah al-Burhan"]),
        ("Mr Smith said so.", []),
        ("King Charles visited.", ["King Charles"]),
        ("General Motors cut jobs.", ["General Motors"]),
    ],
)
def test_titles_before_unknown_names(text, offered):
    from entities.admin_review import body_segments

    assert [s.text for p in body_segments(text, []) for s in p if s.unknown] == offered
