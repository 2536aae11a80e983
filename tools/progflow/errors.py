"""Named errors. The CLI turns each into a one-line message and its exit code."""

from __future__ import annotations

import psycopg


class ProgflowError(Exception):
    """Something progflow could not do. `exit_code` follows the documented scheme."""

    exit_code = 2

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


class UsageError(ProgflowError):
    """The command's arguments or the project's files are wrong."""


class TargetError(ProgflowError):
    """The database could not be reached or is not what was expected."""


class PlanError(ProgflowError):
    """sqitch.plan cannot be read, or names a change that does not exist."""


class RegistryError(ProgflowError):
    """The Sqitch registry in the target is missing, of another release, or disagrees with the plan."""


class ScriptChanged(ProgflowError):
    """A deployed change's deploy script no longer matches the hash recorded when it was deployed."""


class ChangeFailed(ProgflowError):
    """A change's script failed; the change was rolled back."""


class DraftRefused(ProgflowError):
    """`diff --draft` found a difference it must not write as a change (it loses data, or does not reproduce
    the sources): a check's finding, exit 1."""

    exit_code = 1


class LockBusy(ProgflowError):
    """Another deployer holds the registry lock."""


class DatabaseError(ProgflowError):
    """PostgreSQL refused a statement progflow needed, or the session to it was lost."""

    @classmethod
    def from_psycopg(cls, exc: psycopg.Error, doing: str) -> DatabaseError:
        """The error as one line: what was being done, what went wrong, the server's words and SQLSTATE."""
        if connection_lost(exc):
            return cls(f"{doing}: lost the connection to the database: {server_message(exc)}",
                       hint="The session ended (a server restart, or an administrator ended it); what it had not "
                            "committed was rolled back. Check that the server runs, see `progflow status`, "
                            "and run the command again.")
        return cls(f"{doing}: the database refused a statement: {server_message(exc)}",
                   hint="Check the target's privileges and the server's log; what the failed transaction had "
                        "done was rolled back.")


def connection_lost(exc: psycopg.Error) -> bool:
    """Whether the error means the session is gone: a connection error, or the server ending the backend."""
    state = exc.sqlstate
    if state is None:
        return isinstance(exc, psycopg.OperationalError)
    return state.startswith("08") or state in ("57P01", "57P02", "57P03")


def server_message(exc: psycopg.Error) -> str:
    """PostgreSQL's message on one line, with the SQLSTATE when there is one."""
    lines = [line.strip() for line in (exc.diag.message_primary or str(exc)).splitlines() if line.strip()]
    text = lines[0] if lines else type(exc).__name__
    return f"{text} (SQLSTATE {exc.sqlstate})" if exc.sqlstate else text
