"""The commands that work on a target database: deploy, revert, verify, status, log, plan, up and down,
seed and demo-data."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from .. import connection, embedded, project
from ..target import redact, resolve
from . import base
from .base import (CheckFailed, engine_for, print_counts, print_status, print_table, cli, engine_options,
                   handle_errors, json_option, out, target_option)


@cli.command()
@target_option
@click.option("--to", "to", metavar="CHANGE", help="Deploy up to this change (name, name@tag, @tag or id).")
@click.option("--verify/--no-verify", default=False, help="Run each change's verify script before committing it.")
@click.option("--mode", type=click.Choice(["all", "tag", "change"]), default="all", show_default=True,
              help="On failure revert every change of this run (all), back to its last tag (tag), or none (change).")
@click.option("--dry-run", is_flag=True, help="Print the SQL that would run, change by change, and change nothing.")
@engine_options
@handle_errors
def deploy(target, to, verify, mode, dry_run, lock_timeout, lock_wait):
    """Deploy the plan's undeployed changes, each atomically with its registry rows.

    Refuses to start when a deployed change's script differs from the file.

    Example:

        progflow deploy --target postgresql://localhost/progflow --verify
    """
    with engine_for(target, lock_timeout, lock_wait, mode, verify) as eng:
        if dry_run:
            click.echo(eng.dry_run(to) or "-- Nothing to deploy (up-to-date)")
            return
        eng.deploy(to)


@cli.command()
@target_option
@click.option("--to", "to", metavar="CHANGE", help="Revert the changes after this one (it stays deployed).")
@click.option("-y", "--yes", is_flag=True, help="Do not ask for confirmation.")
@engine_options
@handle_errors
def revert(target, to, yes, lock_timeout, lock_wait):
    """Revert deployed changes, newest first, with their revert scripts.

    Example:

        progflow revert --to tables/users -y
    """
    with engine_for(target, lock_timeout, lock_wait) as eng:
        pending = eng.to_revert(to)  # first: an unknown --to is an error before any question
        what = f"the {len(pending)} changes after {to}" if to else f"all {len(pending)} changes"
        if pending and not yes:
            if not base.at_terminal():
                raise click.UsageError(f"refusing to revert {what} without -y (no terminal to ask on)")
            if not click.confirm(f"Revert {what} from {redact(eng.uri)}?"):
                out.print("Nothing reverted")
                return
        eng.revert(to)


@cli.command()
@target_option
@json_option
@handle_errors
def verify(target, as_json):
    """Run the verify script of every deployed change; exit 1 if one fails.

    Each runs in a transaction that is rolled back. Deploy scripts changed since they were
    deployed are reported as problems too.

    Example:

        progflow verify --json
    """
    with engine_for(target, quiet=as_json) as eng:
        report = eng.verify()
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        for name in report["undeployed"]:
            out.print(f"Undeployed change: {name}")
        for path in report["changed_scripts"]:
            out.print(f"Changed since deployed: {path}")
        out.print(f"Verified {len(report['results'])} changes, {len(report['failed'])} failed")
    if report["failed"] or report["changed_scripts"]:
        raise CheckFailed("verify found problems" + (f": {', '.join(report['failed'])} failed" if report["failed"] else ""))


@cli.command()
@target_option
@json_option
@click.option("--exit-code", is_flag=True, help="Exit 1 when changes are undeployed.")
@handle_errors
def status(target, as_json, exit_code):
    """Show the last deployed change and what remains to deploy.

    Example:

        progflow status --exit-code
    """
    with engine_for(target, quiet=True) as eng:
        state = eng.status()
        uri = eng.uri
    if as_json:
        click.echo(json.dumps(dict(state, target=redact(uri)), indent=2))
    else:
        print_status(state, uri)
    if exit_code and not state["up_to_date"]:
        raise CheckFailed(f"{len(state['undeployed'])} changes undeployed")


@cli.command()
@target_option
@json_option
@click.option("-n", "--max-count", type=click.IntRange(min=1), help="Show at most this many events.")
@click.option("--event", "events", multiple=True, type=click.Choice(["deploy", "revert", "fail", "merge"]),
              help="Show only these kinds of event (repeatable).")
@handle_errors
def log(target, as_json, max_count, events):
    """Show the registry's history of deploys, reverts and failures, newest first.

    Example:

        progflow log -n 10 --event fail
    """
    from .. import registry

    proj = project.load()
    with connection.connect(resolve(target), purpose="log") as conn:
        rows = registry.events(conn, proj.plan.project, max_count, tuple(events))
    if as_json:
        click.echo(json.dumps(rows, indent=2, default=str))
        return
    table = Table("event", "change", "tags", "when", "by", box=None)
    table.columns[3].no_wrap = True
    for r in rows:
        table.add_row(r["event"], r["change"], " ".join(r["tags"]), r["committed_at"].strftime("%Y-%m-%d %H:%M:%S%z"),
                      r["committer_name"])
    print_table(table)


@cli.command(name="plan")
@json_option
@handle_errors
def plan_command(as_json):
    """List the plan's changes with their ids; needs no database.

    Example:

        progflow plan --json
    """
    proj = project.load()
    rows = [
        {"id": c.id, "name": c.name, "tags": [f"@{t.name}" for t in c.tags],
         "requires": [d.as_string(proj.plan.project) for d in c.requires],
         "conflicts": [d.as_string(proj.plan.project) for d in c.conflicts],
         "planned_at": c.date, "planner": f"{c.planner} <{c.email}>", "note": c.note}
        for c in proj.plan.changes
    ]
    if as_json:
        click.echo(json.dumps({"project": proj.plan.project, "uri": proj.plan.uri, "changes": rows}, indent=2))
        return
    table = Table("id", "change", "tags", "requires", "note", box=None)
    for r in rows:
        table.add_row(r["id"][:12], r["name"], " ".join(r["tags"]), " ".join(r["requires"]), r["note"])
    out.print(f"# Project: {proj.plan.project}")
    print_table(table)


@cli.command()
@engine_options
@handle_errors
def up(lock_timeout, lock_wait):
    """Start the embedded PostgreSQL, deploy, load the catalogue, and print the URI and status.

    Harmless to repeat.

    The server keeps running after the command ends; `progflow down` stops it.

    Example:

        progflow up
    """
    uri = embedded.start(report=out.print)
    with engine_for(uri, lock_timeout, lock_wait, quiet=True) as eng:
        deployed = eng.deploy()
        out.print(f"Deployed {len(deployed)} changes" if deployed else "The schema was up to date")
        if (eng.project.root / "seed" / "data").is_dir():
            from .. import seed as seed_mod

            counts = seed_mod.load_and_apply(eng.conn, eng.project.root / "seed")
            written = sum(n["inserted"] + n["updated"] for n in counts.values())
            out.print(f"Loaded the course catalogue ({written:,} rows inserted or updated)" if written
                      else "The course catalogue was current")
        state = eng.status()
    out.print(f"URI: {uri}")
    print_status(state, uri)
    out.print("Scheduled jobs (daily challenges, boards, partitions) run when a runner runs them: "
              "`progflow jobs run --loop` (or `progflow jobs install` where pg_cron is); `progflow jobs status` "
              "shows them")


@cli.command()
@handle_errors
def down():
    """Stop the embedded PostgreSQL (its data is kept).

    Example:

        progflow down
    """
    out.print("stopped" if embedded.stop() else "not running")


@cli.command()
@target_option
@click.option("--check", is_flag=True, help="Validate the data files and render them; write nothing. Exit 1 on problems.")
@click.option("--sql", "as_sql", is_flag=True, help="Print the SQL that loads the catalogue; write nothing.")
@json_option
@handle_errors
def seed(target, check, as_sql, as_json):
    """Load the course catalogue (seed/data) into the target, in one transaction.

    Idempotent: a second run changes no row; edited entries are updated; entries removed from
    the data are deactivated, never deleted. Ids derive from slugs and never change.

    Example:

        progflow seed --check && progflow seed --target postgresql://localhost/progflow
    """
    from .. import seed as seed_mod

    proj = project.load()
    try:
        catalogue = seed_mod.load(proj.root / "seed")
    except seed_mod.SeedError as exc:
        if check:
            exc.exit_code = CheckFailed.exit_code  # bad data is a failed check (1); the message and hint as ever
        raise
    script = seed_mod.render(proj.root / "seed", catalogue)
    if as_sql:
        click.echo(script, nl=False)
        return
    if check:
        out.print(f"The catalogue is valid: {len(catalogue.tracks)} tracks, {len(catalogue.challenges)} challenges "
                  f"({5 * len(catalogue.challenges)} levels), {len(catalogue.skills)} skills, "
                  f"{len(catalogue.achievements)} achievements, {len(catalogue.questions)} assessment questions")
        return
    with connection.connect(resolve(target), purpose="seed") as conn:
        print_counts(seed_mod.apply(conn, script), as_json)


@cli.command(name="demo-data")
@target_option
@click.option("--users", type=click.IntRange(1, 10_000_000), required=True, help="How many users to write.")
@click.option("--seed", type=int, default=1, show_default=True, help="The random seed: the same seed, the same data.")
@click.option("--days", type=click.IntRange(1, 730), default=180, show_default=True,
              help="How many days of history, up to today.")
@click.option("--batch", type=click.IntRange(100, 1_000_000), default=10_000, show_default=True,
              help="Users per transaction.")
@click.option("--profile", type=click.Choice(["realistic", "uniform"]), default="realistic", show_default=True,
              help="The population: a long tail as course platforms see (most users do little, a few do most), "
                   "or every user drawn alike with about five times the history (a stress test).")
@json_option
@handle_errors
def demo_data(target, users, seed, days, batch, profile, as_json):
    """Write demo users with months of history into a deployed, seeded database.

    Attempts, the XP ledger, achievements, streaks, daily-challenge attempts, learning sessions,
    notifications and audit rows, derived as the engine would have written them, then the
    leaderboards and percentiles. Set-based SQL (benchmarks/demo_data.sql), deterministic for a
    seed, one transaction per batch of users. Needs a superuser: the rows are written with
    triggers off. For benchmarks and trying things out, never for production.

    Example:

        progflow demo-data --users 100000 --target postgresql://postgres@localhost/bench
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from .. import demo

    root = project.load().root
    with connection.connect(resolve(target), purpose="demo-data") as conn, Progress(
            TextColumn("users"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=as_json) as bar:
        task = bar.add_task("users", total=users)
        counts = demo.generate(conn, root, users, seed, days, batch, progress=lambda n: bar.advance(task, n),
                               profile=profile)
    print_counts(counts, as_json)
