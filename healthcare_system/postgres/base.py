"""Django's PostgreSQL backend with a client-side bound on every wait for the server.

``statement_timeout`` and ``lock_timeout`` (settings.py) make a live server give up on a
slow query or a lock; nothing server-side helps when the server is frozen (SIGSTOP, a
stalled disk, a dead network path that still ACKs): libpq would wait forever, and a
request would hang until gunicorn kills the worker. So every wait for the server gives up
after ``DATABASE_CLIENT_TIMEOUT`` seconds (the connection health check after
``DATABASE_HEALTH_CHECK_TIMEOUT``), the connection is dropped, and the caller gets an
``OperationalError``, which the API answers as 503 (healthcare_system/exceptions.py).
The next request connects afresh: recovery needs no restart.

Creating and dropping test databases may rightly take longer (``unbounded_new_connections``),
as may deliberate bulk work on one connection (``DatabaseWrapper.time_bounds_lifted``, used
through ``healthcare_system.db.long_running``).
"""

from contextlib import contextmanager

import psycopg
from django.conf import settings
from django.db import connections
from django.db.backends.postgresql import base, creation

_unbounded = False


@contextmanager
def unbounded_new_connections():
    """No client bound and no server timeouts on connections opened inside the block;
    they are closed at its end, so later connections are bounded again."""
    global _unbounded
    connections.close_all()
    _unbounded = True
    try:
        yield
    finally:
        _unbounded = False
        connections.close_all()


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, *args, **kwargs):
        with unbounded_new_connections():
            return super().create_test_db(*args, **kwargs)

    def destroy_test_db(self, *args, **kwargs):
        with unbounded_new_connections():
            return super().destroy_test_db(*args, **kwargs)


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation

    def get_new_connection(self, conn_params):
        if _unbounded:  # a later "-c" wins over the settings' timeouts
            options = f"{conn_params.get('options', '')} -c statement_timeout=0 -c lock_timeout=0"
            conn_params = {**conn_params, "options": options.strip()}
        connection = super().get_new_connection(conn_params)
        self._wait_limit = 0 if _unbounded else settings.DATABASE_CLIENT_TIMEOUT
        if self._wait_limit:
            connection.wait = self._bounded(connection, connection.wait)
        return connection

    def _bounded(self, connection, wait):
        def bounded_wait(gen, interval=0.1, timeout=None):
            try:
                return wait(gen, interval=interval, timeout=timeout or self._wait_limit or None)
            except psycopg.errors._WaitTimeout:
                # The server did not answer: the connection's state is unknown, never reuse it.
                connection.pgconn.finish()
                raise psycopg.OperationalError(f"the database did not answer within {self._wait_limit} s") from None

        return bounded_wait

    @contextmanager
    def time_bounds_lifted(self):
        """No statement or lock timeout and no client bound on this connection in the block."""
        self.ensure_connection()
        with self.connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")
            cursor.execute("SET lock_timeout = 0")
        try:
            with self._limit(0):
                yield
        finally:
            if self.connection is not None and not self.connection.closed:
                with self.connection.cursor() as cursor:
                    cursor.execute("RESET statement_timeout")  # back to the connection's options
                    cursor.execute("RESET lock_timeout")

    @contextmanager
    def _limit(self, seconds):
        previous, self._wait_limit = self._wait_limit, seconds
        try:
            yield
        finally:
            self._wait_limit = previous

    def is_usable(self):
        # A frozen server must cost the request one short check, not the full bound.
        if not getattr(self, "_wait_limit", None):
            return super().is_usable()
        with self._limit(settings.DATABASE_HEALTH_CHECK_TIMEOUT):
            return super().is_usable()
