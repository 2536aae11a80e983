"""Deploy, revert and verify scripts: how they are read, split and run.

A script wrapped in BEGIN … COMMIT (verify: … ROLLBACK) is transactional: progflow runs its body
in the transaction that also writes the registry. One that ends its own transaction inside, or
has no wrapper (CREATE INDEX CONCURRENTLY, say), is run by psql in autocommit, as Sqitch runs it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg
import sqlparse

from .errors import ChangeFailed, PlanError

_OPEN = re.compile(r"\A(?:\s|--[^\n]*\n)*?(begin|start\s+transaction)(?:\s+(?:work|transaction))?\s*;", re.I)
_COMMIT = re.compile(r"(commit|end)(?:\s+(?:work|transaction))?\s*;(?:\s|--[^\n]*)*\Z", re.I)
_CLOSE = {  # deploy and revert scripts end in COMMIT; verify scripts in ROLLBACK (or COMMIT)
    "deploy": _COMMIT,
    "revert": _COMMIT,
    "verify": re.compile(r"(rollback|commit)(?:\s+(?:work|transaction))?\s*;(?:\s|--[^\n]*)*\Z", re.I),
}

_TX_CONTROL = re.compile(r"\s*(begin|commit|rollback|end|abort|start\s+transaction)\b", re.I)
# What may hold a semicolon or a keyword without being code: dollar-quoted bodies, strings, quoted
# identifiers, comments.
_NOT_CODE = re.compile(r"\$(\w*)\$.*?\$\1\$|'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|--[^\n]*|/\*.*?\*/", re.S)
_LEADING_COMMENTS = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.S)


def _code(text: str) -> str:
    """The text with everything that is not code (see _NOT_CODE) blanked out."""
    return _NOT_CODE.sub(lambda m: " " * len(m.group(0)), text)

@dataclass
class Script:
    """A script file; `body` is its text with the BEGIN/COMMIT wrapper blanked out (same offsets)."""

    path: Path
    text: str
    transactional: bool
    body: str

    @classmethod
    def load(cls, path: Path, kind: str) -> Script:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise PlanError(f"cannot read {kind} script {path}: {exc.strerror}") from exc
        text = raw.decode("utf-8")
        opening, closing = _OPEN.search(text), _CLOSE[kind].search(text)
        if not (opening and closing):
            return cls(path, text, False, text)
        body = text
        for m in (opening, closing):
            start, end = m.span(1)[0], m.end()
            body = body[:start] + re.sub(r"[^\n]", " ", body[start:end]) + body[end:]
        if any(_TX_CONTROL.match(piece) for piece in _code(body).split(";")):
            return cls(path, text, False, text)  # it ends its own transaction inside: psql must run it
        return cls(path, text, True, body)


    def statements(self) -> list[tuple[int, str]]:
        """(offset in the file, text) of each statement of the body; comment-only pieces left out."""
        result, pos = [], 0
        for text in sqlparse.split(self.body):
            offset = self.body.index(text, pos)
            pos = offset + len(text)
            if text[_LEADING_COMMENTS.match(text).end():].strip():
                result.append((offset, text))
        return result

    def run(self, conn: psycopg.Connection) -> None:
        """Run the body in one round trip; when it fails, again one statement at a time to name the line.

        The first try runs under a savepoint, so the second starts from the same state. A lost
        session is not retried: its error is raised as it is.
        """
        try:
            with conn.transaction():
                conn.execute(self.body)
            return
        except psycopg.Error:
            if conn.closed:
                raise
        for offset, text in self.statements():
            try:
                conn.execute(text)
            except psycopg.Error as exc:
                position = exc.diag.statement_position
                if position:
                    at = offset + int(position) - 1
                else:  # the statement's first line that is not a comment
                    code = re.search(r"^(?!\s*(--|$)).", text, re.M)
                    at = offset + (code.start() if code else 0)
                raise ScriptError(self, exc, self.body.count("\n", 0, at) + 1) from exc


def script_hash(path: Path) -> str:
    """SHA-1 of the file's bytes, as Sqitch records it in changes.script_hash."""
    return hashlib.sha1(path.read_bytes()).hexdigest()


class ScriptError(Exception):
    """A statement of a script failed; carries PostgreSQL's error and the line it points at."""

    def __init__(self, script: Script, error: psycopg.Error, line: int):
        super().__init__(str(error))
        self.script, self.error, self.line = script, error, line

    def describe(self) -> str:
        diag = self.error.diag
        head = f"{self.script.path}:{self.line}: {diag.severity or 'ERROR'}: {diag.message_primary or str(self.error).strip()}"
        if diag.sqlstate:
            head += f" (SQLSTATE {diag.sqlstate})"
        parts = [head]
        if diag.message_detail:
            parts.append(f"DETAIL: {diag.message_detail}")
        if diag.message_hint:
            parts.append(f"HINT: {diag.message_hint}")
        if diag.context:
            parts.append(f"CONTEXT: {diag.context.strip()}")
        return "\n".join(parts)


def run_with_psql(script: Script, uri: str, lock_timeout: str, change_name: str) -> None:
    """Run a script that manages its own transactions the way Sqitch does: psql, autocommit."""
    psql = shutil.which("psql")
    if psql is None:
        raise ChangeFailed(f"{change_name}: {script.path} has no BEGIN/COMMIT wrapper, and running it needs psql",
                           hint="Install the PostgreSQL client (psql).")
    env = dict(os.environ, PGOPTIONS=f"-c lock_timeout={lock_timeout}")
    done = subprocess.run(
        [psql, "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--set", "registry=sqitch",
         "--dbname", uri, "--file", str(script.path)],
        capture_output=True, text=True, env=env,
    )
    if done.returncode != 0:
        raise ChangeFailed(f"deploy of {change_name} failed:\n{done.stderr.strip()}")
