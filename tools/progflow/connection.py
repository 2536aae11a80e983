"""The one way the tool connects to PostgreSQL: a timeout, its application name, clear errors.

Every database access of the tool goes through `connect` (or `scratch_database`, for the
throwaway databases diff, lint and docs build): a server that does not answer fails within
CONNECT_TIMEOUT seconds with the whole of libpq's reason, not its last line, and the sessions
show as `progflow …` in pg_stat_activity, so a DBA can tell them from the application's.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql

from .errors import TargetError
from .target import redact, with_dbname

CONNECT_TIMEOUT = 10  # seconds
APPLICATION = "progflow"


def connect(uri: str, *, autocommit: bool = True, purpose: str | None = None) -> psycopg.Connection:
    """A session to `uri`; `purpose` names it in pg_stat_activity (`progflow deploy`, `progflow jobs` …)."""
    name = f"{APPLICATION} {purpose}" if purpose else APPLICATION
    try:
        return psycopg.connect(uri, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT, application_name=name)
    except psycopg.OperationalError as exc:
        reason, hint = why(exc)
        raise TargetError(f"cannot connect to {redact(uri)}: {reason}", hint=hint) from exc


def why(exc: psycopg.OperationalError) -> tuple[str, str]:
    """libpq's reason for a failed connection, on one line, and its advice (or ours) as the hint.

    libpq says which server failed and how on the first lines ("connection to server at …, port 1
    failed: Connection refused"), then a tab-indented question; both are kept, apart.
    """
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    advice = [line for line in lines if line.startswith("Is the server")]
    reasons = [line.removeprefix("connection failed: ") for line in lines if line not in advice]
    hint = " ".join(advice) or "Check the target URI and that the server runs."
    return "; ".join(reasons) or "connection failed", hint


@contextmanager
def scratch_database(server_uri: str) -> Iterator[str]:
    """A new empty database on the server of `server_uri` (needs CREATEDB there); dropped afterwards."""
    name = f"progflow_scratch_{uuid.uuid4().hex[:12]}"
    with connect(server_uri, purpose="scratch") as admin:
        try:
            admin.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            raise TargetError(f"cannot create a scratch database on the server of {redact(server_uri)}: "
                              f"{exc.diag.message_primary}",
                              hint="The sources are loaded into a scratch database: connect as a role that may "
                                   "create databases there (CREATEDB), or name another server with --server.") from exc
        try:
            yield with_dbname(server_uri, name)
        finally:
            admin.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))
