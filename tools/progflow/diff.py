"""Compare the declarative sources, the migrations and live databases.

Each side becomes a database: the sources are loaded into a scratch database, the migrations are
deployed into another, a live target is itself. `results` (the successor of migra) writes the
statements that take one side to the other; progflow's catalogue snapshot names every object
that differs, including what `results` does not see (owners, grants, default privileges,
comments, row-level security flags, view options).
"""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from . import catalog, engine, render
from .errors import TargetError
from .project import Project


@dataclass
class Difference:
    statements: str  # SQL taking the first side to the second
    objects: list[str]  # one line per differing object

    @property
    def identical(self) -> bool:
        return not self.objects and not self.statements.strip()


def _with_dbname(uri: str, dbname: str) -> str:
    parts = urlsplit(uri)
    return urlunsplit(parts._replace(path="/" + dbname))


@contextmanager
def scratch_database(server_uri: str):
    """A new empty database on the server of `server_uri`, dropped afterwards."""
    name = f"progflow_scratch_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(server_uri, autocommit=True, connect_timeout=10)
    except psycopg.OperationalError as exc:
        raise TargetError(f"cannot connect: {str(exc).strip().splitlines()[-1]}") from exc
    with admin:
        try:
            admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            raise TargetError(f"cannot create a scratch database: {exc.diag.message_primary}",
                              hint="diff needs a role that may create databases on that server (CREATEDB).") from exc
        try:
            yield _with_dbname(server_uri, name)
        finally:
            admin.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


def load_sources(uri: str, project: Project) -> None:
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute(render.sources_sql(project.root))


def deploy_migrations(uri: str, project: Project) -> None:
    with engine.Engine(project, uri) as eng:
        eng.deploy()


def compare(a_uri: str, b_uri: str) -> Difference:
    import results
    from results.dbdiff import Migration

    migration = Migration(results.db(a_uri), results.db(b_uri), schema=catalog.SCHEMA)
    migration.set_safety(False)
    migration.add_all_changes_ordered(privileges=True)
    with psycopg.connect(a_uri) as a, psycopg.connect(b_uri) as b:
        objects = catalog.compare(catalog.snapshot(a), catalog.snapshot(b))
    return Difference(migration.sql, objects)


def migrations_vs_sources(server_uri: str, project: Project) -> Difference:
    with scratch_database(server_uri) as migrated, scratch_database(server_uri) as declared:
        deploy_migrations(migrated, project)
        load_sources(declared, project)
        return compare(migrated, declared)


def target_vs_sources(target_uri: str, project: Project) -> Difference:
    with scratch_database(target_uri) as declared:
        load_sources(declared, project)
        return compare(target_uri, declared)
