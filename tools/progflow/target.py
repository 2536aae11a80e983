"""Which database a command works on: --target, PROGFLOW_TARGET, DATABASE_URL, else the embedded server."""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit, urlunsplit

from . import embedded
from .errors import UsageError


def normalize(uri: str) -> str:
    """A libpq URI from a postgresql:// URI or a Sqitch `db:pg:` target."""
    if uri.startswith("db:pg:"):
        rest = uri[len("db:pg:"):]
        if rest.startswith("//"):
            return "postgresql:" + rest
        return "postgresql:///" + rest if rest else "postgresql://"
    if re.match(r"^postgres(ql)?://", uri):
        return uri
    raise UsageError(
        f"target {redact(uri)!r} is not a PostgreSQL URI",
        hint="Use postgresql://user@host:port/dbname or Sqitch's db:pg://user@host:port/dbname.",
    )


def sqitch_target(uri: str) -> str:
    """The Sqitch target (`db:pg://…`) for a libpq URI: what `normalize` reads back."""
    return "db:" + re.sub(r"^postgres(ql)?://", "pg://", uri)


def with_dbname(uri: str, dbname: str) -> str:
    """The same server's URI, for another database."""
    return urlunsplit(urlsplit(uri)._replace(path="/" + dbname))


def resolve(cli_target: str | None) -> str:
    """The URI to connect to, in the documented order of precedence."""
    for candidate in (cli_target, os.environ.get("PROGFLOW_TARGET"), os.environ.get("DATABASE_URL")):
        if candidate:
            return normalize(candidate)
    return embedded.uri()


def scratch_server(cli_server: str | None) -> str:
    """Where to build scratch databases: --server, $PROGFLOW_TARGET, $DATABASE_URL, else the embedded
    server, started when it is not running (a scratch database needs a server, not a deployed one)."""
    for candidate in (cli_server, os.environ.get("PROGFLOW_TARGET"), os.environ.get("DATABASE_URL")):
        if candidate:
            return normalize(candidate)
    return embedded.start()


def redact(uri: str) -> str:
    """The URI without its password, for messages and status output."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return uri
    if not parts.password:
        return uri
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
