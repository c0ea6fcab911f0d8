"""The PostgreSQL backend skips the health check of a connection used moments ago, and only then."""

import pytest
from django.db import DatabaseError, connection, connections

from newsroom.db.postgresql import base as backend


@pytest.fixture
def wrapper():
    """A second connection to the test database, in autocommit like a web worker's (the test's
    own connection sits in a transaction, which Django's request-end checks would close)."""
    if connection.vendor != "postgresql":
        pytest.skip("the deferred health check belongs to the PostgreSQL backend")
    settings = {**connection.settings_dict, "CONN_HEALTH_CHECKS": True, "CONN_MAX_AGE": 600}
    other = type(connections["default"])(settings, alias="default")  # contrib.postgres looks its alias up
    checks = []
    usable = other.is_usable
    other.is_usable = lambda: checks.append("SELECT 1") or usable()
    other.checks = checks
    yield other
    other.close()


def _request(wrapper, *, fail: bool = False) -> None:
    """What Django does around a request: close_old_connections at its start and end."""
    wrapper.close_if_unusable_or_obsolete()
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT 1")
    if fail:
        wrapper.errors_occurred = True
    wrapper.close_if_unusable_or_obsolete()


@pytest.mark.django_db
def test_a_connection_used_moments_ago_is_not_checked_again(wrapper, monkeypatch):
    monkeypatch.setattr(backend, "HEALTH_CHECK_DELAY", 3600)
    _request(wrapper)  # a new connection needs no check
    _request(wrapper)
    _request(wrapper)
    assert wrapper.checks == []


@pytest.mark.django_db
def test_an_idle_connection_is_checked_before_use(wrapper, monkeypatch):
    monkeypatch.setattr(backend, "HEALTH_CHECK_DELAY", 0)
    _request(wrapper)
    _request(wrapper)
    _request(wrapper)
    assert wrapper.checks == ["SELECT 1", "SELECT 1"]


@pytest.mark.parametrize(("fail", "checked_at_its_end"), [(False, []), (True, ["SELECT 1"])])
@pytest.mark.django_db
def test_a_request_after_a_long_pause_is_checked(wrapper, monkeypatch, fail, checked_at_its_end):
    """Whether the last request went well or its query failed (bad SQL, a timeout: Django then
    checks the connection at that request's end), the next request, two hours later, is checked:
    the start of a request proves nothing."""
    monkeypatch.setattr(backend, "HEALTH_CHECK_DELAY", 3600)
    _request(wrapper, fail=fail)
    assert wrapper.checks == checked_at_its_end
    wrapper._last_used -= 7200  # the last query was two hours ago
    _request(wrapper)
    assert wrapper.checks == [*checked_at_its_end, "SELECT 1"]


@pytest.mark.django_db
def test_a_broken_connection_is_replaced_and_not_trusted(wrapper, monkeypatch):
    monkeypatch.setattr(backend, "HEALTH_CHECK_DELAY", 3600)
    _request(wrapper)
    first = wrapper.connection
    first.close()  # the server went away
    wrapper.close_if_unusable_or_obsolete()
    with pytest.raises(DatabaseError), wrapper.cursor() as cursor:  # this request fails, as mid-query
        cursor.execute("SELECT 1")
    wrapper.close_if_unusable_or_obsolete()  # the end of that request: checked, found dead, closed
    assert wrapper.connection is None
    _request(wrapper)  # the next request connects again
    assert wrapper.connection is not None and wrapper.connection is not first
