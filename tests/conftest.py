import pytest
from django.contrib.auth.models import Group

from entities.knowledge import load_knowledge_base


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the shipped knowledge base (about a second to load).

    Loaded once per session, outside the per-test transactions, so every test sees the same
    countries, organizations and leaders whatever order tests run in. Factories use ISO
    user-assigned codes and their own slugs so they never collide with it. Tests using
    ``transactional_db`` (``live_server``) flush the database afterwards; pytest-django runs
    them after the others, and they must not rely on the knowledge base.
    """
    with django_db_blocker.unblock():
        return load_knowledge_base()


@pytest.fixture(scope="session")
def knowledge_base(django_db_setup):
    """The counts of the session's knowledge-base load (see ``load_knowledge_base``).

    Request it (with ``db``) in tests that rely on the shipped countries, organizations,
    leaders and aliases, so the dependency is explicit.
    """
    return django_db_setup


def _user(django_user_model, username, group=None, **extra):
    user = django_user_model.objects.create_user(username=username, password="pw", is_staff=True, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _user(django_user_model, "editor", "Editors")


@pytest.fixture
def reporter(db, django_user_model):
    return _user(django_user_model, "reporter", "Reporters")


@pytest.fixture
def superuser(db, django_user_model):
    return _user(django_user_model, "admin", is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def api_client():
    """A DRF test client; authenticate with ``force_authenticate`` or a token header."""
    from rest_framework.test import APIClient

    return APIClient()
