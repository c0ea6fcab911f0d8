import pytest
from django.urls import reverse

from entities.models import Alias, Country, Entity, Leader, Membership, Office, Organization
from tests.factories import ArticleFactory, EntityLinkFactory, MentionFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "entity",
    "country",
    "leader",
    "organization",
    "alias",
    "office",
    "membership",
    "mention",
    "entitylink",
]


def belarus():
    return Country.objects.get(iso_alpha2="BY")


def change_url(model, pk):
    return reverse(f"admin:entities_{model}_change", args=[pk])


@pytest.mark.parametrize("model", MODELS)
def test_changelist_for_editor_and_anonymous(
    client, editor, knowledge_base, model, django_assert_max_num_queries
):
    url = reverse(f"admin:entities_{model}_changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    client.force_login(editor)
    # list_select_related / prefetching keep a 100-row page to a handful of queries.
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200


def sample_pk(model):
    if model == "mention":
        return MentionFactory(entity=belarus(), surface="Belarus").pk
    if model == "entitylink":
        return EntityLinkFactory(entity=belarus()).pk
    return {
        "entity": lambda: belarus().pk,
        "country": lambda: belarus().pk,
        "leader": lambda: Leader.objects.get(slug="alexander-lukashenko").pk,
        "organization": lambda: Organization.objects.get(slug="shanghai-cooperation-organisation").pk,
        "alias": lambda: Alias.objects.get(entity__slug="united-states", text="U.S.").pk,
        "office": lambda: Office.objects.get(leader__slug="xi-jinping", title="President").pk,
        "membership": lambda: (
            Membership.objects.get(organization__acronym="SCO", country__iso_alpha2="BY").pk
        ),
    }[model]()


@pytest.mark.parametrize("model", MODELS)
def test_change_page_for_editor_and_anonymous(client, editor, knowledge_base, model):
    url = change_url(model, sample_pk(model))
    assert client.get(url).status_code == 302
    client.force_login(editor)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("model", ["country", "leader", "organization", "alias", "office", "membership"])
def test_add_page_for_editor(editor_client, model):
    assert editor_client.get(reverse(f"admin:entities_{model}_add")).status_code == 200


def test_generic_entity_cannot_be_added_directly(editor_client):
    assert editor_client.get(reverse("admin:entities_entity_add")).status_code == 403


def test_country_page_shows_memberships_offices_and_aliases(editor_client, knowledge_base):
    response = editor_client.get(change_url("country", belarus().pk))
    html = response.content.decode()
    assert "Shanghai Cooperation Organisation" in html and "BRICS" in html
    assert "Partner country" in html and "2025-01-01" in html
    assert "2024-07-04" in html
    assert "Alexander Lukashenko" in html
    assert 'value="Minsk"' in html


def test_leader_page_shows_office(editor_client, knowledge_base):
    lukashenko = Leader.objects.get(slug="alexander-lukashenko")
    html = editor_client.get(change_url("leader", lukashenko.pk)).content.decode()
    assert 'value="President"' in html
    assert "1994-07-20" in html
    assert "Belarus" in html
    assert 'value="Lukashenko"' in html


def test_organization_page_lists_members(editor_client, knowledge_base):
    sco = Organization.objects.get(acronym="SCO")
    html = editor_client.get(change_url("organization", sco.pk)).content.decode()
    assert "Belarus" in html and "India" in html and "Founding member" in html


def test_changelists_search_aliases_and_filter(editor_client, knowledge_base):
    html = editor_client.get(reverse("admin:entities_country_changelist"), {"q": "Britain"}).content.decode()
    assert "United Kingdom" in html and "France" not in html
    html = editor_client.get(
        reverse("admin:entities_leader_changelist"), {"q": "Lukashenko"}
    ).content.decode()
    assert "President of Belarus" in html
    response = editor_client.get(
        reverse("admin:entities_membership_changelist"), {"status__exact": "partner"}
    )
    assert response.context["cl"].result_count == Membership.objects.filter(status="partner").count()
    response = editor_client.get(reverse("admin:entities_entity_changelist"), {"kind__exact": "organization"})
    assert response.context["cl"].result_count == Organization.objects.count()


def test_autocomplete_finds_countries_for_offices(editor_client, knowledge_base):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "entities", "model_name": "office", "field_name": "country", "term": "Belar"},
    )
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["Belarus"]


def test_editor_adds_an_alias(editor_client, knowledge_base):
    response = editor_client.post(
        reverse("admin:entities_alias_add"),
        {"entity": belarus().pk, "text": "Bielorussia", "kind": "other", "case_sensitive": ""},
    )
    assert response.status_code == 302
    alias = Alias.objects.get(text="Bielorussia")
    assert (alias.entity_id, alias.is_curated) == (belarus().pk, False)


def test_history_pages(editor_client, knowledge_base):
    for model, pk in [("country", belarus().pk), ("membership", sample_pk("membership"))]:
        assert editor_client.get(reverse(f"admin:entities_{model}_history", args=[pk])).status_code == 200


def test_entity_admin_links_to_the_typed_page(editor_client, knowledge_base):
    entity = Entity.objects.get(slug="nato")
    html = editor_client.get(change_url("entity", entity.pk)).content.decode()
    assert change_url("organization", entity.pk) in html


def test_mention_changelist_shows_mentions(editor_client, knowledge_base):
    article = ArticleFactory(title="Minsk summit")
    MentionFactory(article=article, entity=belarus(), surface="Belarus")
    html = editor_client.get(
        reverse("admin:entities_mention_changelist"), {"q": "Minsk summit"}
    ).content.decode()
    assert "Belarus" in html
