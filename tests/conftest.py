import pytest
from django.contrib.auth.models import Group


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
