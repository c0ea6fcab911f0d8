"""PostgreSQL, with the connection health check of a busy connection deferred.

Django's ``CONN_HEALTH_CHECKS`` runs ``SELECT 1`` before the first query of every request on a
persistent connection: a round trip about as long as a story page's own query (profiled under
load, 27% of the story row's lookup against 31% for the query itself). Like pgbouncer's
``server_check_delay``, a connection that handed out a cursor less than ``HEALTH_CHECK_DELAY``
seconds ago, with no error since, is trusted without the check; a connection idle for longer is
still checked before it is used, so a database restart during a quiet spell costs no request. If
the database goes away while requests keep coming, a request fails as it would mid-query anyway,
the connection is found unusable at the end of that request (Django checks after any error) and
the next request connects again.

``DATABASE_URL`` chooses PostgreSQL; the settings put this backend in place of Django's.
"""

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_DELAY = 1.0  # seconds


class DatabaseWrapper(base.DatabaseWrapper):
    _last_used = float("-inf")  # when this connection last handed out a cursor

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.errors_occurred
            and time.monotonic() - self._last_used < HEALTH_CHECK_DELAY
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def _cursor(self, name=None):
        cursor = super()._cursor(name)
        self._last_used = time.monotonic()
        return cursor

    def close(self):
        super().close()
        self._last_used = float("-inf")
