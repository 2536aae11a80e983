"""The progflow command line: thin commands over the modules; errors become one line and an exit code.

Exit codes: 0 done and clean; 1 a check found a problem (undeployed changes with
`status --exit-code`, a failed verify); 2 the command could not do its work (usage, connection,
registry, a failed change, a refused deploy).
"""

from __future__ import annotations

import functools
import json
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path

import click
import psycopg
from rich.console import Console
from rich.table import Table

from . import __version__, connection, embedded, engine, project
from . import jobs as jobs_mod
from .target import redact, resolve, scratch_server
from .errors import DatabaseError, ProgflowError

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


def _engine(target_uri, lock_timeout="5s", lock_wait=60.0, mode="all", verify=False, quiet=False):
    proj = project.load()
    uri = resolve(target_uri)
    settings = engine.Settings(lock_timeout=lock_timeout, lock_wait=lock_wait, mode=mode, verify=verify)
    return engine.Engine(proj, uri, settings, report=(lambda _: None) if quiet else out.print)


def _print_table(table: Table) -> None:
    """A table on standard output; piped (to grep, a log, monitoring) in whole lines, not cut to the 80
    columns rich assumes without a terminal."""
    (out if out.is_terminal else Console(highlight=False, width=1000)).print(table)


def _at_terminal() -> bool:
    """Whether a person can answer a question on standard input."""
    return sys.stdin.isatty()


def _print_counts(counts: dict, as_json: bool) -> None:
    """Rows written per table: {table: n} or {table: {"inserted": n, "updated": m}}."""
    if as_json:
        click.echo(json.dumps(counts, indent=2))
        return
    for table, n in counts.items():
        out.print(f"  {table}: {n['inserted']:,} inserted, {n['updated']:,} updated" if isinstance(n, dict)
                  else f"  {table}: {n:,} rows")


def _print_status(state: dict, uri: str) -> None:
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
    with _engine(target, lock_timeout, lock_wait, mode, verify) as eng:
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
    with _engine(target, lock_timeout, lock_wait) as eng:
        pending = eng.to_revert(to)  # first: an unknown --to is an error before any question
        what = f"the {len(pending)} changes after {to}" if to else f"all {len(pending)} changes"
        if pending and not yes:
            if not _at_terminal():
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
    with _engine(target, quiet=as_json) as eng:
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
    with _engine(target, quiet=True) as eng:
        state = eng.status()
        uri = eng.uri
    if as_json:
        click.echo(json.dumps(dict(state, target=redact(uri)), indent=2))
    else:
        _print_status(state, uri)
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
    from . import registry

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
    _print_table(table)


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
    _print_table(table)


@cli.command()
@click.argument("change")
@change_options
@handle_errors
def add(change, requires, note):
    """Add a change: write its deploy, revert and verify scripts and append it to the plan.

    For schema, types/, tables/, functions/ and views/ changes the deploy script includes the
    declarative source (sql/, functions/, views/) as it is now, with its path and sha256 in a
    header; the verify script checks the objects the source declares.

    Example:

        progflow add tables/badges -r tables/users -n "Badges earned by users"
    """
    from . import render

    proj = project.load()
    for path in render.add(proj, change, list(requires), note):
        out.print(f"Created {path.relative_to(proj.root)}")
    out.print(f"Added {change} to {proj.plan.path.relative_to(proj.root)}")


@cli.command()
@click.argument("change")
@change_options
@handle_errors
def rework(change, requires, note):
    """Rework a change after a tag, as `sqitch rework` does.

    The change's current scripts are kept as NAME@TAG.sql (TAG: the plan's latest tag) and the
    change is planned again, requiring NAME@TAG. The new revert script is the previous deploy
    script. For functions/ and views/ the new deploy script includes the source as it is now;
    other changes keep copies of their scripts for you to edit.

    Example:

        progflow tag v1.1.0 -n "Release 1.1" && progflow rework functions/award_xp -n "Cap awards"
    """
    from . import render

    proj = project.load()
    written, rendered = render.rework(proj, change, list(requires), note)
    for path in written:
        out.print(f"Wrote {path.relative_to(proj.root)}")
    out.print(f"Added {change} [{change}@{written[-1].stem.rsplit('@', 1)[1]}] to {proj.plan.path.relative_to(proj.root)}",
              markup=False)
    if not rendered:
        out.print("Edit the deploy and verify scripts: they are copies of the previous version "
                  "(for a table, `progflow diff --draft` writes the statements instead)")


@cli.command(name="tag")
@click.argument("name")
@click.option("-n", "--note", default="", help="The tag's note.")
@handle_errors
def tag_command(name, note):
    """Tag the plan's last change, as `sqitch tag` does: a release point, and what rework needs.

    Example:

        progflow tag v0.1.0 -n "First release"
    """
    from . import plan as plan_mod

    proj = project.load()
    plan_mod.tag(proj.plan, name, proj.committer_name, proj.committer_email, note)
    out.print(f"Tagged {proj.plan.changes[-1].name} with @{name} in {proj.plan.path.relative_to(proj.root)}")


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
    from . import seed as seed_mod

    proj = project.load()
    try:
        catalogue = seed_mod.load(proj.root / "seed")
    except seed_mod.SeedError as exc:
        if check:
            raise CheckFailed(str(exc)) from exc
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
        _print_counts(seed_mod.apply(conn, script), as_json)


@cli.command(name="demo-data")
@target_option
@click.option("--users", type=click.IntRange(1, 10_000_000), required=True, help="How many users to write.")
@click.option("--seed", type=int, default=1, show_default=True, help="The random seed: the same seed, the same data.")
@click.option("--days", type=click.IntRange(1, 730), default=180, show_default=True,
              help="How many days of history, up to today.")
@click.option("--batch", type=click.IntRange(100, 1_000_000), default=10_000, show_default=True,
              help="Users per transaction.")
@json_option
@handle_errors
def demo_data(target, users, seed, days, batch, as_json):
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

    from . import demo

    root = project.load().root
    with connection.connect(resolve(target), purpose="demo-data") as conn, Progress(
            TextColumn("users"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=as_json) as bar:
        task = bar.add_task("users", total=users)
        counts = demo.generate(conn, root, users, seed, days, batch, progress=lambda n: bar.advance(task, n))
    _print_counts(counts, as_json)


@cli.command(name="render")
@click.option("--with-seed", is_flag=True, help="Append the catalogue's upserts, in a transaction of their own.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of stdout.")
@handle_errors
def render_command(with_seed, output):
    """Print the declarative schema as one SQL file that psql (or any client) loads into an empty database.

    Loading it gives exactly the schema that deploying every migration gives.

    Example:

        progflow render --with-seed -o progflow.sql && psql -v ON_ERROR_STOP=1 -f progflow.sql mydb
    """
    from . import render as render_mod
    from . import seed as seed_mod

    proj = project.load()
    text = render_mod.sources_sql(proj.root)
    if with_seed:
        root = proj.root / "seed"
        text += "\nbegin;\n" + seed_mod.render(root, seed_mod.load(root)) + "commit;\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("--target", "-t", metavar="URI",
              help="Compare this live database with the sources (what was changed by hand?). Without it, the "
                   "migrations are compared with the sources.")
@click.option("--server", metavar="URI",
              help="Where to build the scratch databases (needs CREATEDB). Default: with --target, the "
                   "target's server; without, $PROGFLOW_TARGET, then $DATABASE_URL, then the embedded server "
                   "(started if it is not running).")
@click.option("--check", is_flag=True, help="Exit 1 when anything differs.")
@click.option("--draft", "draft_name", metavar="NAME",
              help="Write a new change NAME that takes the migrations to the sources, and append it to the plan.")
@click.option("--allow-destructive", is_flag=True,
              help="With --draft: write the change even when it drops tables or columns or narrows a type.")
@change_options
@json_option
@handle_errors
def diff(target, server, check, draft_name, allow_destructive, requires, note, as_json):
    """Compare the declarative sources with the migrations, or with a live database.

    Prints the SQL that takes the first side to the sources (from `results`), then every
    object that differs, owners, grants, comments, row-level security and view options
    included. A draft for a person to review, never to apply blindly.

    With --draft NAME it writes that SQL as a new change instead: the deploy from the forward
    difference, the revert from the backward one, the verify from the objects touched, each
    tried on scratch databases first. A change that loses data is refused (exit 1) unless
    --allow-destructive is given; its revert then warns that it cannot restore the data.

    Example:

    \b
        progflow diff --check
        progflow diff --target postgresql://dba@db.example.org/progflow
        progflow diff --draft users-nickname -n "Users choose a nickname"
    """
    from . import diff as diff_mod
    from . import render as render_mod

    proj = project.load()
    stale = render_mod.stale_sources(proj)
    if draft_name:
        if target or check:
            raise click.UsageError("--draft compares the migrations with the sources: drop --target and --check")
        _draft(proj, draft_name, scratch_server(server), allow_destructive, list(requires), note)
        return
    if target:
        uri = resolve(target)
        result = diff_mod.target_vs_sources(uri, proj, resolve(server) if server else None)
        first = redact(uri)
    else:
        result = diff_mod.migrations_vs_sources(scratch_server(server), proj)
        first = "the migrations"
    for line in stale:
        err.print(f"Source edited since its latest change: {line}")
    if as_json:
        click.echo(json.dumps({"first": first, "second": "the sources", "identical": result.identical,
                               "statements": result.statements, "objects": result.objects,
                               "stale_sources": stale}, indent=2))
    elif result.identical:
        out.print(f"No differences between {first} and the sources")
    else:
        if result.statements.strip():
            click.echo(f"-- SQL that takes {first} to the sources (review before use):\n{result.statements.rstrip()}\n")
        out.print(f"{len(result.objects)} objects differ between {first} and the sources:")
        for line in result.objects:
            out.print(f"  {line}")
    if check and (stale or not result.identical):
        raise CheckFailed(f"{first} and the sources differ" if not result.identical
                          else "sources were edited since their latest change: add or rework a change")


def _draft(proj, name, server_uri, allow_destructive, requires, note):
    from . import diff as diff_mod
    from . import lint as lint_mod
    from . import render as render_mod

    render_mod.check_new_change(proj, name)
    drafted = diff_mod.draft(server_uri, proj)
    if not drafted.deploy:
        out.print("Nothing to draft: the migrations already give the sources' schema")
        for line in render_mod.stale_sources(proj):
            err.print(f"Source edited without an effect on the schema: {line}; rework its change to record it")
        return
    if drafted.leftovers:
        raise CheckFailed("the drafted statements do not reproduce the sources; write this change by hand "
                          "(progflow add):\n  " + "\n  ".join(drafted.leftovers))
    if drafted.destructive and not allow_destructive:
        raise CheckFailed(f"refusing to draft {name}: {len(drafted.destructive)} statements would lose data:\n  "
                          + "\n  ".join(" ".join(s.split()) for s in drafted.destructive)
                          + "\nhint: Keep the data (rename, or copy it first), or pass --allow-destructive: the "
                            "revert will then recreate the objects without their data.")
    sources = [source for source, _ in render_mod.stale(proj)]
    written = render_mod.draft(proj, name, drafted, sources, requires, note)
    for path in written:
        out.print(f"Created {path.relative_to(proj.root)}")
    out.print(f"Added {name} to {proj.plan.path.relative_to(proj.root)}")
    if drafted.destructive:
        err.print(f"[yellow]{len(drafted.destructive)} statements lose data; the revert cannot restore it[/]")
    for f in lint_mod.lint(proj, (str(written[0]),)).findings:
        err.print(f"review: {f.path}:{f.line}: {f.rule} {f.why}\n    fix: {f.fix}", markup=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--server", metavar="URI",
              help="Also run plpgsql_check on every plpgsql function, in a scratch database built on this server "
                   "(needs CREATEDB and the plpgsql_check extension installed there).")
@json_option
@handle_errors
def lint(paths, server, as_json):
    """Lint the SQL: sqlfluff on every file, squawk and progflow's lock-safety rules on deploy scripts,
    and plpgsql_check on the functions when --server is given. Exit 1 on any finding.

    Without PATHS it lints sql/, functions/, views/ and migrations/. A file in a directory named
    `deploy` is checked as a migration. Each finding gives file, line, rule, why and how to fix.

    Example:

    \b
        progflow lint --server postgresql://localhost/postgres
        progflow lint migrations/deploy/tables/badges.sql
    """
    from . import lint as lint_mod

    proj = project.load()
    report = lint_mod.lint(proj, tuple(paths), resolve(server) if server else None)
    if as_json:
        click.echo(json.dumps(lint_mod.as_json(report), indent=2))
    else:
        for f in report.findings:
            out.print(f"{f.path}:{f.line}: [bold]{f.rule}[/] {f.why}", markup=True)
            out.print(f"    fix: {f.fix}", markup=False)
        for note in report.notes:
            err.print(f"# {note}", markup=False)
    if report.findings:
        raise CheckFailed(f"lint found {len(report.findings)} problems")
    if not as_json:
        out.print("No problems found")


@cli.command()
@click.option("--server", metavar="URI",
              help="Where to build the scratch database the documents are read from (needs CREATEDB). Default: "
                   "$PROGFLOW_TARGET, then $DATABASE_URL, then the embedded server (started if it is not running).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when docs/ is stale.")
@handle_errors
def docs(server, check):
    """Generate docs/schema.md (reference from the `comment on` texts) and docs/erd.md (a Mermaid ERD).

    Example:

        progflow docs --check
    """
    from . import docs as docs_mod

    proj = project.load()
    documents = docs_mod.build(scratch_server(server), proj)
    stale = docs_mod.stale(proj, documents)
    if check:
        if stale:
            raise CheckFailed(f"docs/ is stale: {', '.join(stale)}; run `progflow docs` and commit the result")
        out.print("docs/ is up to date")
        return
    for path in docs_mod.write(proj, documents):
        out.print(f"Wrote {path.relative_to(proj.root)}" + (" (changed)" if path.name in stale else ""))


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
        _print_table(table)
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
    with _engine(uri, lock_timeout, lock_wait, quiet=True) as eng:
        deployed = eng.deploy()
        out.print(f"Deployed {len(deployed)} changes" if deployed else "The schema was up to date")
        if (eng.project.root / "seed" / "data").is_dir():
            from . import seed as seed_mod

            counts = seed_mod.load_and_apply(eng.conn, eng.project.root / "seed")
            written = sum(n["inserted"] + n["updated"] for n in counts.values())
            out.print(f"Loaded the course catalogue ({written:,} rows inserted or updated)" if written
                      else "The course catalogue was current")
        state = eng.status()
    out.print(f"URI: {uri}")
    _print_status(state, uri)
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


def main():
    cli(prog_name="progflow")


if __name__ == "__main__":
    main()
