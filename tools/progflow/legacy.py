"""Moving in from the old system: what `progflow import-legacy` does, over the engine's functions.

The rules are SQL (functions/progflow/legacy_import_start.sql and legacy_import_step.sql; docs/rules.md,
"Moving in from the old system"). This module brings the input to the server (a table there, or CSV
files streamed with COPY into temporary tables), starts the import, runs its steps, each in a
transaction of its own so an interrupted import resumes where it stopped, and reads the report the
functions leave in legacy_import_users and legacy_import_progress.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

from .errors import ProgflowError, UsageError

PROGRESS_COLUMNS = ("user_id", "problem_id", "completed_levels", "total_xp")
USERS_COLUMNS = ("user_id", "email", "username", "created_at")
OUTCOMES = ("imported", "merged", "already_present", "rejected")
COPY_CHUNK = 1 << 20  # bytes per write to COPY
# What the engine refuses with a reason to show as it is: bad input, an unfinished import, no such table.
ENGINE_REFUSALS = ("22023", "55000", "P0002", "42P01", "22P04", "22P02", "22021")
NOTED = 10_000  # rows with a reason the report carries (rejected first); the CSV has every row

# Every input row, both inputs, in the order of the report (the CSV file's columns).
REPORT = """
select 'users' as input, row_number, legacy_id as legacy_user_id, null as problem_id, null as completed_levels,
       null as total_xp, email, username, created_at, user_id, outcome, reason
  from progflow.legacy_import_users where import_id = {import_id}
union all
select 'progress', row_number, legacy_user_id, problem_id, completed_levels, total_xp, null, null, null, user_id,
       outcome, reason
  from progflow.legacy_import_progress where import_id = {import_id}
order by 1 desc, 2
"""
REPORT_COLUMNS = ("input", "row_number", "legacy_user_id", "problem_id", "completed_levels", "total_xp", "email",
                  "username", "created_at", "user_id", "outcome", "reason")


class LegacyImportError(ProgflowError):
    """The import could not start or go on: the engine's reason and hint."""


@dataclass
class Input:
    """Where the legacy data is: a CSV file or a table in the target, for progress and (optionally) users."""

    progress_file: Path | None = None
    progress_table: str | None = None
    users_file: Path | None = None
    users_table: str | None = None

    def describe(self) -> str:
        progress = str(self.progress_file or self.progress_table)
        users = self.users_file or self.users_table
        return f"{progress} and users from {users}" if users else progress


@dataclass
class Report:
    import_id: int
    source: str
    counts: dict[str, dict[str, int]]
    noted: list[dict]  # the first NOTED rows rejected or carrying a note, rejected first
    noted_total: int
    finished: bool
    dry_run: bool = False
    refused: bool = False  # --strict found rejected rows: nothing was imported
    csv_path: Path | None = None

    @property
    def rejected(self) -> int:
        return sum(c.get("rejected", 0) for c in self.counts.values())

    @property
    def total(self) -> int:
        return sum(sum(c.values()) for c in self.counts.values())

    def as_dict(self) -> dict:
        return {"import": self.import_id, "source": self.source, "dry_run": self.dry_run, "refused": self.refused,
                "finished": self.finished, "rows": self.total, "rejected": self.rejected, "counts": self.counts,
                "report": str(self.csv_path) if self.csv_path else None, "noted_total": self.noted_total,
                "noted": self.noted}


def run(conn: psycopg.Connection, source: Input | None, *, resume: bool = False, strict: bool = False,
        dry_run: bool = False, batch: int = 1000, report_path: Path | None = None,
        on_total: Callable[[int], None] = lambda _: None, on_rows: Callable[[int], None] = lambda _: None) -> Report:
    """Import (or, with `resume`, finish the unfinished import) and report on every input row.

    `conn` is in autocommit mode: the start, and each step, is a transaction of its own. A dry run does
    it all in one transaction and rolls it back; a strict run rolls the start back when any row is
    rejected, so nothing is imported. Either way the report is read before the rollback.
    """
    try:
        if dry_run:
            with conn.transaction(force_rollback=True):
                import_id = _start(conn, source, resume, on_total, on_rows)
                _steps(conn, import_id, batch, on_rows)
                return _report(conn, import_id, report_path, dry_run=True)
        with conn.transaction():
            import_id = _start(conn, source, resume, on_total, on_rows)
            if strict and _rejected(conn, import_id):
                refused = _report(conn, import_id, report_path, refused=True)
                raise _Refused(refused)
        _steps(conn, import_id, batch, on_rows)
        return _report(conn, import_id, report_path)
    except _Refused as stop:
        return stop.report
    except psycopg.Error as exc:
        if exc.sqlstate not in ENGINE_REFUSALS:
            raise
        hint = exc.diag.message_hint or ("Name a table that exists in the target, schema-qualified."
                                         if exc.sqlstate == "42P01" else None)
        context = (exc.diag.context or "").splitlines()
        where = f" ({context[0]})" if context and context[0].startswith("COPY ") else ""
        raise LegacyImportError(f"import-legacy: {exc.diag.message_primary}{where}",
                                hint=hint or "Fix the file's row the message names; nothing was imported.") from exc


class _Refused(Exception):
    def __init__(self, report: Report):
        self.report = report


def unfinished(conn: psycopg.Connection) -> int | None:
    row = conn.execute("select id from progflow.legacy_imports where finished_at is null").fetchone()
    return row[0] if row else None


def _start(conn, source, resume, on_total, on_rows) -> int:
    if resume:
        import_id = unfinished(conn)
        if import_id is None:
            raise UsageError("there is no unfinished legacy import to resume",
                             hint="See progflow.legacy_imports; start a new import without --resume.")
    else:
        progress = _relation(conn, source.progress_file, source.progress_table, "legacy_progress_in", PROGRESS_COLUMNS)
        users = _relation(conn, source.users_file, source.users_table, "legacy_users_in", USERS_COLUMNS)
        import_id = conn.execute("select progflow.legacy_import_start(%s::regclass, %s::regclass, %s)",
                                 (progress, users, source.describe())).fetchone()[0]
    on_total(_pending(conn, import_id))
    return import_id


def _relation(conn, path: Path | None, table: str | None, temp: str, columns: tuple[str, ...]) -> str | None:
    """The table the engine reads: the one named, or a temporary one a CSV file is copied into."""
    if path is None:
        return table
    header = _header(path)
    unknown = [c for c in header if c not in columns]
    missing = [c for c in columns if c not in header and c != "created_at"]
    if unknown or missing or len(set(header)) != len(header):
        raise UsageError(f"{path}: its header is {', '.join(header) or 'empty'}; progflow reads "
                         f"{', '.join(columns)}" + (f" (missing: {', '.join(missing)})" if missing else "")
                         + (f" (not read: {', '.join(unknown)})" if unknown else ""),
                         hint="Give the file a header row naming its columns, each once, in any order"
                              + ("; created_at may be left out." if "created_at" in columns else "."))
    conn.execute(sql.SQL("create temporary table {} ({}) on commit drop").format(
        sql.Identifier(temp), sql.SQL(", ").join(sql.SQL("{} text").format(sql.Identifier(c)) for c in columns)))
    copy_sql = sql.SQL("copy {} ({}) from stdin with (format csv, header true)").format(
        sql.Identifier(temp), sql.SQL(", ").join(map(sql.Identifier, header)))
    with conn.cursor() as cur, cur.copy(copy_sql) as copy, path.open("rb") as f:
        while chunk := f.read(COPY_CHUNK):
            copy.write(chunk)
    return f"pg_temp.{temp}"


def _header(path: Path) -> list[str]:
    try:
        with path.open("rb") as f:  # the header alone: the server reads (and checks) the rest
            first = next(csv.reader(io.StringIO(f.readline().decode("utf-8-sig"))), [])
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}", hint="Check the path and its permissions.") from exc
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}: its header is not UTF-8", hint="Convert it (iconv -t UTF-8) and try again.") from exc
    return [c.strip() for c in first]


def _pending(conn, import_id: int) -> int:
    return conn.execute(
        "select (select count(*) from progflow.legacy_import_users where import_id = %(id)s and outcome is null)"
        " + (select count(*) from progflow.legacy_import_progress where import_id = %(id)s and outcome is null)",
        {"id": import_id}).fetchone()[0]


def _rejected(conn, import_id: int) -> bool:
    return conn.execute(
        "select exists (select from progflow.legacy_import_users where import_id = %(id)s and outcome = 'rejected')"
        " or exists (select from progflow.legacy_import_progress where import_id = %(id)s and outcome = 'rejected')",
        {"id": import_id}).fetchone()[0]


def _steps(conn, import_id: int, batch: int, on_rows: Callable[[int], None]) -> None:
    while done := conn.execute("select progflow.legacy_import_step(%s, %s)", (import_id, batch)).fetchone()[0]:
        on_rows(done)


def _report(conn, import_id: int, csv_path: Path | None, *, dry_run: bool = False, refused: bool = False) -> Report:
    source, finished = conn.execute("select source, finished_at is not null from progflow.legacy_imports where id = %s",
                                    (import_id,)).fetchone()
    counts: dict[str, dict[str, int]] = {}
    for table, name in (("legacy_import_users", "users"), ("legacy_import_progress", "progress")):
        rows = conn.execute(sql.SQL("select coalesce(outcome, 'pending'), count(*) from progflow.{} "
                                    "where import_id = %s group by 1").format(sql.Identifier(table)),
                            (import_id,)).fetchall()
        if rows or name == "progress":
            counts[name] = {outcome: n for outcome, n in sorted(rows, key=lambda r: _order(r[0]))}
    report = REPORT.format(import_id=int(import_id))
    noted_total = conn.execute(f"select count(*) from ({report}) r where reason is not null").fetchone()[0]
    noted = [dict(zip(REPORT_COLUMNS, row)) for row in conn.execute(
        f"select * from ({report}) r where reason is not null "
        f"order by outcome <> 'rejected', input desc, row_number limit {NOTED}").fetchall()]
    for row in noted:
        row["user_id"] = str(row["user_id"]) if row["user_id"] else None
    if csv_path is not None:
        write_csv(conn, import_id, csv_path)
    return Report(import_id, source, counts, noted, noted_total, finished, dry_run=dry_run, refused=refused,
                  csv_path=csv_path)


def _order(outcome: str) -> int:
    return OUTCOMES.index(outcome) if outcome in OUTCOMES else len(OUTCOMES)


def write_csv(conn, import_id: int, path: Path) -> None:
    """Every input row of the import with its outcome and reason, streamed from the server by COPY."""
    query = sql.SQL("copy ({}) to stdout with (format csv, header true)").format(
        sql.SQL(REPORT.format(import_id=int(import_id))))
    try:
        with path.open("wb") as f, conn.cursor() as cur, cur.copy(query) as copy:
            for chunk in copy:
                f.write(chunk)
    except OSError as exc:
        raise UsageError(f"cannot write the report to {path}: {exc.strerror}",
                         hint="Name a file in a directory you can write.") from exc

