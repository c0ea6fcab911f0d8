import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from entities.knowledge import load_knowledge_base


def _runs_in_a_test_transaction(item: pytest.Item) -> bool:
    """A test that uses the database inside a rolled-back transaction (not ``transactional_db``)."""
    fixtures = getattr(item, "fixturenames", [])
    marker = item.get_closest_marker("django_db")
    transactional = "transactional_db" in fixtures or "live_server" in fixtures
    if marker is not None:
        transactional = transactional or marker.kwargs.get("transaction", False)
    return (marker is not None or "db" in fixtures) and not transactional


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that use the knowledge base after the other database tests.

    pytest-django has already ordered database tests before transactional ones; within the
    database tests, a stable sort moves those using ``knowledge_base`` to the end, so every
    test that builds its own world with factories runs on an empty knowledge base and the
    shipped one is loaded once, just before the first test that asks for it.
    """
    first_other = next(
        (index for index, item in enumerate(items) if not _runs_in_a_test_transaction(item)), len(items)
    )
    database_tests = items[:first_other]
    database_tests.sort(key=lambda item: "knowledge_base" in getattr(item, "fixturenames", []))
    items[:first_other] = database_tests


@pytest.fixture(scope="session")
def knowledge_base(django_db_setup, django_db_blocker):
    """The shipped knowledge base, loaded once per session; returns the load's counts.

    Request it (with ``db``) in tests that rely on the shipped countries, organizations,
    leaders and aliases. It is committed outside the per-test transactions, so it stays for
    the rest of the session: the ordering hook above runs such tests after all other database
    tests, which therefore never see it. Transactional tests (``live_server``) run later still
    and flush the database after each test; they must not rely on it.
    """
    with django_db_blocker.unblock():
        return load_knowledge_base()


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


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: cached pages, fragments, the site version and
    throttle counters of one test must not answer for the next."""
    cache.clear()
    yield
    cache.clear()
