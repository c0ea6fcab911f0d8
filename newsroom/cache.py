"""Django's Redis cache backend, with one redis-py client per connection pool.

Django's ``RedisCacheClient.get_client()`` builds a new ``redis.Redis`` object on every cache
call, and redis-py's constructor registers about 170 response callbacks each time: about
0.2 ms per call, more than a whole cached page hit costs otherwise. The client is a thin,
thread-safe wrapper around its connection pool, so one per pool is enough.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
