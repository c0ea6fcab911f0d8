"""The Redis cache backend reuses one client per connection pool (against the machine's Redis)."""

import os
import socket

import pytest

from newsroom.cache import RedisCache

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/9")


def redis_is_up() -> bool:
    host_port = REDIS_URL.split("//", 1)[1].split("/", 1)[0]
    host, _, port = host_port.partition(":")
    try:
        socket.create_connection((host, int(port or 6379)), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_is_up(), reason=f"no Redis at {REDIS_URL}")


def test_one_client_per_pool_and_values_round_trip():
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "newsroom-test"})
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is client
    cache.set("answer", {"value": 42}, 30)
    assert cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    cache.delete("answer")
    assert cache.get("answer") is None
