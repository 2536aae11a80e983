"""`progflow jobs`: install the schedule into pg_cron, run it without, report on it."""

from __future__ import annotations

import json
import signal
import threading
from datetime import timedelta

import click
from rich.table import Table

from .. import jobs as jobs_mod
from ..target import redact, resolve
from .base import CheckFailed, print_table, cli, err, handle_errors, json_option, out, target_option


@cli.group()
def jobs():
    """The game's scheduled work: picking and closing daily challenges, boards, percentiles, partitions.

    The schedule is the table progflow.jobs; pg_cron runs it where it is installed (`jobs install`),
    `jobs run --loop` everywhere else. docs/operations.md says what runs when and why.

    Example:

        progflow jobs status
    """


def _print_run(run: dict) -> None:
    took = (run["finished_at"] - run["started_at"]).total_seconds() * 1000
    colour = {"succeeded": "green", "failed": "red"}.get(run["outcome"], "yellow")
    detail = run["error"].splitlines()[0] if run["error"] else run["result"]
    out.print(f"{run['started_at']:%Y-%m-%d %H:%M:%S%z} {run['job_name']} [{colour}]{run['outcome']}[/] "
              f"({took:.0f} ms){': ' + detail if detail else ''}")


@jobs.command(name="run")
@target_option
@click.option("--once/--loop", default=True, show_default=True,
              help="Run what is due and exit, or keep running each job when it is due until stopped "
                   "(SIGTERM or Ctrl-C; a job that has started ends first).")
@click.option("--job", "names", multiple=True, metavar="NAME",
              help="Run this job now, due or not (repeatable; with --once).")
@json_option
@handle_errors
def jobs_run(target, once, names, as_json):
    """Run the jobs of progflow.jobs that are due, for servers without pg_cron.

    A job never run is due at once; then at each time of its schedule (UTC). Two runners, or this
    and pg_cron, never run one job at the same time. With --once the exit code is 1 when a job
    failed.

    Examples:

        progflow jobs run --once
        progflow jobs run --loop
        progflow jobs run --job daily-challenge-close
    """
    uri = resolve(target)
    if names and not once:
        raise click.UsageError("--job runs jobs now: use it with --once")
    if once:
        with jobs_mod.connect(uri) as conn:
            runs = jobs_mod.run_due(conn, names, report=(lambda run: None) if as_json else _print_run)
        if as_json:
            click.echo(json.dumps(runs, indent=2, default=str))
        elif not runs:
            out.print("No job is due")
        failed = [run["job_name"] for run in runs if run["outcome"] == "failed"]
        if failed:
            raise CheckFailed(f"{len(failed)} jobs failed: {', '.join(failed)} (progflow jobs status)")
        return
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    out.print(f"Running the jobs of {redact(uri)} as they fall due; stop with Ctrl-C or SIGTERM")
    jobs_mod.loop(uri, stop, report=_print_run, trouble=lambda message: err.print(f"[yellow]{message}[/]"))
    out.print("Stopped")


@jobs.command(name="status")
@target_option
@json_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when a job is failing, overdue or has a bad schedule.")
@click.option("--grace", default=10, show_default=True, type=click.IntRange(0, 1440),
              help="Minutes a job may start late before it counts as overdue.")
@handle_errors
def jobs_status(target, as_json, exit_code, grace):
    """Show each job: its schedule, state, last run, next due time and failures.

    States: ok, never run, running, disabled, and the problems: failing (its last run failed),
    overdue (it should have started more than --grace minutes ago), invalid schedule.

    Example:

        progflow jobs status --exit-code
    """
    uri = resolve(target)
    window = timedelta(minutes=grace)
    with jobs_mod.connect(uri) as conn:
        listed = jobs_mod.load(conn)
    states = [job.as_dict(window) for job in listed]
    if as_json:
        click.echo(json.dumps(states, indent=2))
    else:
        table = Table(box=None, pad_edge=False)
        for column in ("job", "schedule (UTC)", "state", "last run", "next due", "failures", "result or error"):
            table.add_column(column, no_wrap=True, overflow="ellipsis" if column == "result or error" else "fold")
        for job, state in zip(listed, states):
            colour = "red" if state["problem"] else "green" if state["state"] == "ok" else "yellow"
            last = f"{job.last_started_at:%m-%d %H:%M} {job.last_outcome}" if job.last_started_at else "-"
            due = f"{job.next_due:%m-%d %H:%M}" if job.next_due and job.enabled else "-"
            detail = (job.last_error or job.last_result or "").splitlines()[0] if (job.last_error or job.last_result) else ""
            table.add_row(job.name, job.schedule, f"[{colour}]{state['state']}[/]", last, due, str(job.failures),
                          detail)
        print_table(table)
    problems = [state["name"] for state in states if state["problem"]]
    if exit_code and problems:
        raise CheckFailed(f"{len(problems)} jobs need attention: {', '.join(problems)}")


@jobs.command(name="install")
@target_option
@handle_errors
def jobs_install(target):
    """Schedule every enabled job in pg_cron, from progflow.jobs; unschedule the others.

    Idempotent: run it again after changing progflow.jobs. The jobs run as the role that installs
    them, in this database; pg_cron keeps them in the database of cron.database_name.

    Example:

        progflow jobs install
    """
    uri = resolve(target)
    with jobs_mod.connect(uri) as conn:
        done = jobs_mod.install(conn, uri)
    for name, what in done:
        out.print(f"{name}: {what}")
    out.print(f"pg_cron runs {sum(what != 'unscheduled' for _, what in done)} jobs of {redact(uri)}")


@jobs.command(name="uninstall")
@target_option
@handle_errors
def jobs_uninstall(target):
    """Unschedule this database's jobs from pg_cron (progflow.jobs and its run log are kept).

    Example:

        progflow jobs uninstall
    """
    uri = resolve(target)
    with jobs_mod.connect(uri) as conn:
        removed = jobs_mod.uninstall(conn, uri)
    out.print(f"Unscheduled {len(removed)} jobs" + (f": {', '.join(removed)}" if removed else ""))
