"""PostgreSQL, with the connection health check of a busy connection deferred.

Django's ``CONN_HEALTH_CHECKS`` runs ``SELECT 1`` before the first query of every request on a
persistent connection: a round trip as long as a story page's own query (profiled under load, it
was a quarter of the uncached story request's time in the database). Like pgbouncer's
``server_check_delay``, a connection that finished a request without errors less than
``HEALTH_CHECK_DELAY`` seconds ago is trusted without the check; an idle connection is still
checked before it is used, so a database restart during a quiet spell costs no request. If the
database goes away while requests keep coming, a request fails as it would mid-query anyway, the
connection is found unusable at the end of that request (Django checks after any error) and the
next request connects again.

``DATABASE_URL`` chooses PostgreSQL; the settings put this backend in place of Django's.
"""

import time

from django.db.backends.postgresql import base

HEALTH_CHECK_DELAY = 1.0  # seconds


class DatabaseWrapper(base.DatabaseWrapper):
    _last_success = float("-inf")  # when a request last finished on this connection without errors

    def close_if_health_check_failed(self):
        if (
            self.connection is not None
            and self.health_check_enabled
            and time.monotonic() - self._last_success < HEALTH_CHECK_DELAY
        ):
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def close_if_unusable_or_obsolete(self):
        # Runs when a request starts and when it ends. ``health_check_done`` says a query ran
        # since the last call (the check, skipped or not, or a new connection, set it): at the
        # end of a request that used the connection without errors, it was just proven good.
        used = self.connection is not None and self.health_check_done and not self.errors_occurred
        super().close_if_unusable_or_obsolete()
        if used and self.connection is not None:
            self._last_success = time.monotonic()

    def close(self):
        super().close()
        self._last_success = float("-inf")
