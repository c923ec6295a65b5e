"""Database pieces: PostgreSQL-only constraints that degrade to nothing elsewhere, the
routing of lag-tolerant reads to an optional read replica, and the one update helper."""

from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField
from django.db import connections, migrations, models

from .exceptions import full_clean


def postgres_sql(forward: str, backward: str) -> migrations.RunPython:
    """A migration step running SQL on PostgreSQL only (triggers, fixes of its data); a no-op on
    other databases, so one migration history serves both."""

    def run(sql: str):
        def step(apps, schema_editor):
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(sql)

        return step

    return migrations.RunPython(run(forward), run(backward))


class TsTzRange(models.Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


class WallClockRange(models.Func):
    """``[start_time, end_time)`` as a range: PostgreSQL has no range of times of day, so
    both are put on one fixed date (``date + time`` is immutable, as an index needs)."""

    template = "TSRANGE(DATE '2000-01-01' + %(expressions)s, '[)')"
    arg_joiner = ", DATE '2000-01-01' + "
    output_field = DateTimeRangeField()


class PostgresExclusionConstraint(ExclusionConstraint):
    """An exclusion constraint on PostgreSQL; absent on other databases.

    SQLite has no exclusion constraints: the embedded setup relies on IMMEDIATE
    transactions instead (see settings.DATABASES), so skipping it there keeps one
    model definition and one migration history for both databases.
    """

    def _on_postgres(self, schema_editor) -> bool:
        return schema_editor.connection.vendor == "postgresql"

    def constraint_sql(self, model, schema_editor):
        return super().constraint_sql(model, schema_editor) if self._on_postgres(schema_editor) else None

    def create_sql(self, model, schema_editor):
        return super().create_sql(model, schema_editor) if self._on_postgres(schema_editor) else None

    def remove_sql(self, model, schema_editor):
        return super().remove_sql(model, schema_editor) if self._on_postgres(schema_editor) else None

    def validate(self, model, instance, exclude=None, using="default"):
        from django.db import connections

        if connections[using].vendor == "postgresql":
            super().validate(model, instance, exclude=exclude, using=using)


# --- Read replica ------------------------------------------------------------------------------
REPLICA = "replica"
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside the block go to the read replica (``DATABASE_REPLICA_URL``) if one is set.

    Only for reads that tolerate a second of replication lag: reports and the doctor search.
    Never around a service (writes, row locks and the exclusion constraint live on the
    primary), token refresh, or medical-record reads (each one writes the access log).
    """
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class ReplicaRouter:
    """Sends reads to the replica inside ``replica_reads()``; everything else to the primary."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None  # the primary

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA  # migrations reach the replica by replication


@contextmanager
def long_running(using: str = "default") -> Iterator[None]:
    """Deliberately long database work (bulk seeding, ANALYZE) on this connection: the request
    time bounds of healthcare_system/postgres are lifted for the block (nothing elsewhere)."""
    lift = getattr(connections[using], "time_bounds_lifted", None)
    if lift is None:
        yield
        return
    with lift():
        yield


def model_update(
    instance: models.Model,
    changes: Mapping[str, object],
    *,
    allowed: Collection[str] | None = None,
    validate_exclude: Sequence[str] | None = None,
) -> list[str]:
    """The one way a service changes fields of a row it holds: set ``changes`` (only the keys in
    ``allowed`` when given; others are ignored, never applied) and save just those fields and
    the row's ``auto_now`` stamps. With ``validate_exclude`` the model's own checks run first
    (``full_clean`` excluding those fields; refusals are ``DomainError`` field errors).

    Returns the names changed; with none, nothing is written.
    """
    names = [name for name in changes if allowed is None or name in allowed]
    for name in names:
        setattr(instance, name, changes[name])
    if not names:
        return names
    if validate_exclude is not None:
        full_clean(instance, exclude=list(validate_exclude))
    stamps = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False) and f.name not in names]
    instance.save(update_fields=[*names, *stamps])
    return names
