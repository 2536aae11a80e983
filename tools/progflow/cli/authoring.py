"""The commands that write the project: add, rework, tag, render, diff (and its drafts), lint, docs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .. import project
from ..target import redact, resolve, scratch_server
from .base import (CheckFailed, change_options, cli, err, github_option, handle_errors, json_option, out,
                   print_problems)


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
    from .. import render

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
    from .. import render

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
    from .. import plan as plan_mod

    proj = project.load()
    plan_mod.tag(proj.plan, name, proj.committer_name, proj.committer_email, note)
    out.print(f"Tagged {proj.plan.changes[-1].name} with @{name} in {proj.plan.path.relative_to(proj.root)}")


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
    from .. import render as render_mod
    from .. import seed as seed_mod

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
@github_option
@handle_errors
def diff(target, server, check, draft_name, allow_destructive, requires, note, as_json, fmt):
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
    from .. import diff as diff_mod
    from .. import render as render_mod

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
    if fmt == "github":
        from .. import checks

        problems = checks.from_difference(result, proj, first)
        print_problems(problems, fmt)
        if check and problems:
            raise CheckFailed(f"{len(problems)} differences between {first} and the sources")
        return
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
    from .. import diff as diff_mod

    done = diff_mod.draft_change(proj, name, server_uri, allow_destructive, requires, note)
    if not done.written:
        out.print("Nothing to draft: the migrations already give the sources' schema")
        for line in done.unrecorded:
            err.print(f"Source edited without an effect on the schema: {line}; rework its change to record it")
        return
    for path in done.written:
        out.print(f"Created {path.relative_to(proj.root)}")
    out.print(f"Added {name} to {proj.plan.path.relative_to(proj.root)}")
    if done.destructive:
        err.print(f"[yellow]{len(done.destructive)} statements lose data; the revert cannot restore it[/]")
    for f in done.review:
        err.print(f"review: {f.path}:{f.line}: {f.rule} {f.why}\n    fix: {f.fix}", markup=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--server", metavar="URI",
              help="Also run plpgsql_check on every plpgsql function, in a scratch database built on this server "
                   "(needs CREATEDB and the plpgsql_check extension installed there).")
@json_option
@github_option
@handle_errors
def lint(paths, server, as_json, fmt):
    """Lint the SQL: sqlfluff on every file, squawk and progflow's lock-safety rules on deploy scripts,
    and plpgsql_check on the functions when --server is given. Exit 1 on any finding.

    Without PATHS it lints sql/, functions/, views/ and migrations/. A file in a directory named
    `deploy` is checked as a migration. Each finding gives file, line, rule, why and how to fix.

    Example:

    \b
        progflow lint --server postgresql://localhost/postgres
        progflow lint migrations/deploy/tables/badges.sql
    """
    from .. import lint as lint_mod

    proj = project.load()
    report = lint_mod.lint(proj, tuple(paths), resolve(server) if server else None)
    if as_json:
        click.echo(json.dumps(lint_mod.as_json(report), indent=2))
    elif fmt == "github":
        from .. import checks

        print_problems(checks.from_findings(report.findings, proj.root), fmt)
        for note in report.notes:
            err.print(f"# {note}", markup=False)
    else:
        for f in report.findings:
            out.print(f"{f.path}:{f.line}: [bold]{f.rule}[/] {f.why}", markup=True)
            out.print(f"    fix: {f.fix}", markup=False)
        for note in report.notes:
            err.print(f"# {note}", markup=False)
    if report.findings:
        raise CheckFailed(f"lint found {len(report.findings)} problems")
    if not as_json and fmt == "text":
        out.print("No problems found")


@cli.command()
@click.option("--server", metavar="URI",
              help="Where to build the scratch databases (needs CREATEDB; plpgsql_check is run where that server "
                   "has it). Default: $PROGFLOW_TARGET, then $DATABASE_URL, then the embedded server.")
@github_option
@handle_errors
def check(server, fmt):
    """Run what CI checks, with one exit code: the catalogue is valid, the migrations equal the sources
    (and no source was edited since its change), the SQL lints clean, docs/ is current.

    Exit 0 when all hold, 1 when any found a problem (each printed with its file and line; with
    --format github, as annotations), 2 when a check could not run.

    Example:

    \b
        progflow check
        progflow check --format github --server postgresql://postgres@localhost/postgres
    """
    from .. import checks

    proj = project.load()
    server_uri = scratch_server(server)
    problems = checks.catalogue_problems(proj) + checks.migrations_vs_sources(proj, server_uri)
    found, notes = checks.lint_problems(proj, server_uri)
    problems += found + checks.docs_problems(proj, server_uri)
    print_problems(problems, fmt)
    for note in notes:
        err.print(f"# {note}", markup=False)
    if problems:
        kinds = sorted({p.check for p in problems})
        raise CheckFailed(f"{len(problems)} problems ({', '.join(kinds)})")
    if fmt == "text":
        out.print("All checks passed: the catalogue is valid, the migrations equal the sources, "
                  "the SQL lints clean, docs/ is current")


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
    from .. import docs as docs_mod

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
