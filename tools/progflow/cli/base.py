"""What every command shares: the group, the common options, the error envelope, the printing.

The commands live beside this module, by what they work on. Exit codes: 0 done and clean; 1 a
check found a problem (undeployed changes with `status --exit-code`, a failed verify); 2 the
command could not do its work (usage, connection, registry, a failed change, a refused deploy).
"""

from __future__ import annotations

import functools
import json
import sys

import click
import psycopg
from rich.console import Console
from rich.table import Table

from .. import __version__, engine, project
from ..errors import DatabaseError, ProgflowError
from ..target import redact, resolve

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class CheckFailed(click.ClickException):
    exit_code = 1


def handle_errors(func):
    """Turn progflow's named errors, and any database error, into a one-line message (and a hint) with
    their exit code: a lost connection or a refused statement is exit 2, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except ProgflowError as exc:
            raise _click_error(exc) from exc
        except psycopg.Error as exc:
            doing = click.get_current_context().info_name or "progflow"
            raise _click_error(DatabaseError.from_psycopg(exc, doing)) from exc

    return wrapper


def _click_error(exc: ProgflowError) -> click.ClickException:
    message = str(exc)
    if exc.hint:
        message += f"\nhint: {exc.hint}"
    error = click.ClickException(message)
    error.exit_code = exc.exit_code
    return error


def target_option(func):
    return click.option(
        "--target", "-t", metavar="URI",
        help="Database to work on (postgresql://… or db:pg:…). Default: $PROGFLOW_TARGET, "
             "then $DATABASE_URL, then the embedded server.",
    )(func)


def json_option(func):
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for machines instead of tables.")(func)


def github_option(func):
    return click.option("--format", "fmt", type=click.Choice(["text", "github"]), default="text", show_default=True,
                        help="github: each problem as a GitHub Actions annotation (file, line, title, message).")(func)


def print_problems(problems: list, fmt: str) -> None:
    """Problems (progflow.checks.Problem) as lines a person reads, or as GitHub Actions annotations."""
    from ..checks import github

    for p in problems:
        if fmt == "github":
            click.echo(github(p))
        else:
            where = f"{p.path}:{p.line}: " if p.path and p.line else f"{p.path}: " if p.path else ""
            out.print(f"{where}{p.check}: {p.title}: {p.message}", markup=False)


def change_options(func):
    """-r/--requires and -n/--note, for the commands that plan a change."""
    func = click.option("-n", "--note", default="", help="The plan note of the change.")(func)
    return click.option("-r", "--requires", multiple=True, metavar="CHANGE",
                        help="A change it requires (repeatable).")(func)


def engine_options(func):
    func = click.option("--lock-timeout", default="5s", show_default=True, envvar="PROGFLOW_LOCK_TIMEOUT",
                        help="PostgreSQL lock_timeout for each change: a change waiting longer for a lock fails "
                             "instead of queueing the application behind it.")(func)
    func = click.option("--lock-wait", default=60.0, show_default=True, type=float,
                        help="Seconds to wait for another deployer's registry lock.")(func)
    return func


def engine_for(target_uri, lock_timeout="5s", lock_wait=60.0, mode="all", verify=False, quiet=False):
    proj = project.load()
    uri = resolve(target_uri)
    settings = engine.Settings(lock_timeout=lock_timeout, lock_wait=lock_wait, mode=mode, verify=verify)
    return engine.Engine(proj, uri, settings, report=(lambda _: None) if quiet else out.print)


def print_table(table: Table) -> None:
    """A table on standard output; piped (to grep, a log, monitoring) in whole lines, not cut to the 80
    columns rich assumes without a terminal."""
    (out if out.is_terminal else Console(highlight=False, width=1000)).print(table)


def at_terminal() -> bool:
    """Whether a person can answer a question on standard input."""
    return sys.stdin.isatty()


def print_counts(counts: dict, as_json: bool) -> None:
    """Rows written per table: {table: n} or {table: {"inserted": n, "updated": m}}."""
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    for table, n in counts.items():
        out.print(f"  {table}: {n['inserted']:,} inserted, {n['updated']:,} updated" if isinstance(n, dict)
                  else f"  {table}: {n:,} rows")


def print_status(state: dict, uri: str) -> None:
    out.print(f"# On database {redact(uri)}")
    out.print(f"# Project:  {state['project']}")
    last = state["last_change"]
    if last:
        tags = f" {' '.join(last['tags'])}" if last["tags"] else ""
        out.print(f"# Change:   {last['id']}")
        out.print(f"# Name:     {last['name']}{tags}")
        out.print(f"# Deployed: {last['deployed_at']}")
        out.print(f"# By:       {last['by']}")
    else:
        out.print("# No changes deployed")
    out.print(f"# {state['deployed']} of {state['planned']} planned changes deployed")
    for path in state["changed_scripts"]:
        out.print(f"[yellow]Changed since deployed: {path}[/]")
    if state["up_to_date"]:
        out.print("Nothing to deploy (up-to-date)")
    else:
        out.print("Undeployed changes:")
        for name in state["undeployed"]:
            out.print(f"  * {name}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="progflow")
def cli():
    """progflow: the Progressive Flow course database as a Sqitch project.

    It deploys, reverts and verifies the migrations on a target database, writing the same
    registry as Sqitch, so the two tools can take turns on one database.

    Example:

        progflow up && progflow status
    """
