"""`progflow import-legacy`: learners move in from the old system, every input row accounted for."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .. import connection, legacy
from ..errors import UsageError
from ..target import resolve
from .base import CheckFailed, cli, handle_errors, json_option, out, print_table, target_option

SHOW = 20  # noted rows printed in the table; the CSV report has them all


@cli.command(name="import-legacy")
@target_option
@click.option("--progress", "progress_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV file of progress: user_id, problem_id (challenge slug), completed_levels, total_xp.")
@click.option("--progress-table", metavar="TABLE", help="Or a table of the target with those columns.")
@click.option("--users", "users_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV file of the old system's users: user_id (old id), email, username, created_at.")
@click.option("--users-table", metavar="TABLE", help="Or a table of the target with those columns.")
@click.option("--dry-run", is_flag=True, help="Do it all in one transaction, report, and roll it back: nothing is written "
                                              "(it holds the learners' locks until then: use a copy of a live platform).")
@click.option("--strict", is_flag=True, help="Import nothing when reading the input rejects any row (the report says "
                                             "which and why).")
@click.option("--resume", is_flag=True, help="Go on with the import that was interrupted, from where it stopped.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write every input row with its outcome and reason to this CSV file.")
@click.option("--batch", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Learners (or users to create) per transaction.")
@json_option
@handle_errors
def import_legacy(target, progress_file, progress_table, users_file, users_table, dry_run, strict, resume,
                  report_path, batch, as_json):
    """Import learners and their progress from the old system.

    Every input row ends imported, merged (with other rows for the learner and challenge, or with
    what the learner has), already present, or rejected with its reasons; the rules are in
    docs/rules.md. The input is streamed to the server (COPY) and imported in steps that commit,
    a batch of learners each, so an interrupted import goes on with --resume and a second run
    imports nothing. Needs the schema's owner.

    Exit codes: 0 every row accounted for and none rejected; 1 rows were rejected (with --strict,
    nothing was imported); 2 the import could not run.

    Example:

        progflow import-legacy --progress old_progress.csv --users old_users.csv --report report.csv
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    if resume and (progress_file or progress_table or users_file or users_table):
        raise UsageError("--resume goes on with the input already read: give no input with it",
                         hint="Run `progflow import-legacy --resume` alone.")
    if not resume and bool(progress_file) == bool(progress_table):
        raise UsageError("give the progress input once: --progress FILE or --progress-table TABLE",
                         hint="Or --resume an interrupted import.")
    if users_file and users_table:
        raise UsageError("give the users input once: --users FILE or --users-table TABLE")
    if resume and (dry_run or strict):
        raise UsageError(f"{'--dry-run' if dry_run else '--strict'} and --resume do not go together: the import being "
                         "resumed has read its input and written its first steps",
                         hint="Run `progflow import-legacy --resume` alone.")
    source = None if resume else legacy.Input(progress_file, progress_table, users_file, users_table)
    with connection.connect(resolve(target), purpose="import-legacy") as conn, Progress(
            TextColumn("rows"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("rows", total=None)
        try:
            report = legacy.run(conn, source, resume=resume, strict=strict, dry_run=dry_run, batch=batch,
                                report_path=report_path, on_total=lambda n: bar.update(task, total=n),
                                on_rows=lambda n: bar.advance(task, n))
        except KeyboardInterrupt:
            import_id = legacy.unfinished(conn)
            raise UsageError(f"interrupted: legacy import {import_id} is not finished" if import_id else "interrupted",
                             hint="What was committed stays; `progflow import-legacy --resume` goes on from there.")
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, default=str))
    else:
        _print(report)
    if report.rejected:
        raise CheckFailed(f"{report.rejected:,} of {report.total:,} rows rejected"
                          + ("; nothing was imported (--strict)" if report.refused else "")
                          + ("; nothing was written (--dry-run)" if report.dry_run else ""))


def _print(report: legacy.Report) -> None:
    what = "Dry run of a legacy import (rolled back)" if report.dry_run else \
        "Legacy import refused (--strict): nothing was imported" if report.refused else \
        f"Legacy import {report.import_id}"
    out.print(f"{what}: {report.source}")
    columns = [*legacy.OUTCOMES, *(["pending"] if any("pending" in c for c in report.counts.values()) else [])]
    table = Table("input", *columns, "total")
    for name, counts in report.counts.items():
        table.add_row(name, *(f"{counts.get(o, 0):,}" for o in columns), f"{sum(counts.values()):,}")
    print_table(table)
    if report.noted:
        rows = Table("input", "row", "user", "challenge", "outcome", "reason", title="Rows with a reason")
        for row in report.noted[:SHOW]:
            rows.add_row(row["input"], str(row["row_number"]), row["legacy_user_id"] or "",
                         row["problem_id"] or row["email"] or "", row["outcome"] or "pending", row["reason"])
        print_table(rows)
        if report.noted_total > SHOW:
            out.print(f"… and {report.noted_total - SHOW:,} more" +
                      (f": every row is in {report.csv_path}" if report.csv_path else ": --report FILE writes them all"))
    if report.csv_path:
        out.print(f"Report: {report.csv_path}")
