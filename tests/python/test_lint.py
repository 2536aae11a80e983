"""progflow lint: each unsafe migration pattern is caught on a purpose-made script; the project's own
files pass; plpgsql_check runs where the server has it and points at the line of the source."""

import json
import shutil
from pathlib import Path

import psycopg
import pytest

from conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "lint" / "deploy"

# Each fixture breaks exactly these rules (and `safe.sql` none).
EXPECTED = {
    "no-lock-timeout": {("progflow:lock-timeout", 4)},
    "index-not-concurrent": {("progflow:index-concurrently", 7)},
    "concurrently-in-transaction": {("progflow:concurrently-in-transaction", 5), ("squawk:prefer-robust-stmts", 5)},
    "not-null-without-default": {("progflow:not-null-without-default", 5)},
    "volatile-default": {("progflow:volatile-default", 5)},
    "type-rewrite": {("progflow:type-rewrite", 5)},
    "constraint-not-valid": {("progflow:constraint-not-valid", 5)},
    "set-not-null": {("progflow:set-not-null", 5)},
    "squawk-drop-column": {("squawk:ban-drop-column", 5)},
    "safe": set(),
}


def lint_json(run, *args, code):
    return json.loads(run(["lint", "--json", *args], code=code).stdout)


def test_every_fixture_is_listed():
    assert {p.stem for p in FIXTURES.glob("*.sql")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_unsafe_pattern_is_caught(run, name):
    report = lint_json(run, str(FIXTURES / f"{name}.sql"), code=1 if EXPECTED[name] else 0)
    found = {(f["rule"], f["line"]) for f in report["findings"]}
    assert found == EXPECTED[name]
    for f in report["findings"]:
        assert f["path"] == f"tests/fixtures/lint/deploy/{name}.sql" and f["why"] and f["fix"]


def test_a_finding_is_printed_with_file_line_rule_why_and_fix(run):
    result = run(["lint", str(FIXTURES / "set-not-null.sql")], code=1)
    assert "tests/fixtures/lint/deploy/set-not-null.sql:5: progflow:set-not-null SET NOT NULL" in result.stdout
    assert "fix: Add `check (col is not null) not valid`" in result.stdout
    assert "lint found 1 problems" in result.stderr


def test_the_same_script_outside_a_deploy_directory_gets_no_migration_rules(run, tmp_path):
    loose = tmp_path / "adhoc.sql"
    shutil.copy(FIXTURES / "set-not-null.sql", loose)
    assert lint_json(run, str(loose), code=0)["findings"] == []


def test_sqlfluff_reports_style_and_what_it_cannot_parse(run, tmp_path):
    bad = tmp_path / "bad.sql"
    bad.write_text("SELECT 1;\nselect from from;\n")
    rules = {(f["rule"], f["line"]) for f in lint_json(run, str(bad), code=1)["findings"]}
    assert ("sqlfluff:CP01", 1) in rules and ("sqlfluff:PRS", 2) in rules


def test_missing_path_is_a_usage_error(run):
    assert "does not exist" in run(["lint", "no/such.sql"], code=2).stderr


def test_the_project_passes(run):
    report = lint_json(run, code=0)
    assert report["findings"] == []
    deploy_scripts = len(list((ROOT / "migrations" / "deploy").rglob("*.sql")))
    assert f"squawk: {deploy_scripts} deploy scripts" in report["notes"]
    assert f"progflow: {deploy_scripts} deploy scripts, 8 lock-safety rules" in report["notes"]
    assert "plpgsql_check: skipped, no --server given" in report["notes"]


def _has_plpgsql_check(pg) -> bool:
    with pg.admin() as conn:
        return conn.execute("select from pg_available_extensions where name = 'plpgsql_check'").fetchone() is not None


def test_plpgsql_check_runs_on_the_project(run, pg, pg_servers):
    bindir = pg_servers.specs.get(pg.name)
    if bindir is not None and Path("/usr/lib/postgresql") in Path(bindir).parents:
        assert _has_plpgsql_check(pg), "Debian's server needs postgresql-15-plpgsql-check (see the README)"
    report = lint_json(run, "--server", pg.uri(pg.maintenance_db), code=0)
    if _has_plpgsql_check(pg):
        with psycopg.connect(pg.uri("progflow_tmpl")) as conn:
            count = conn.execute("select count(*) from pg_proc p join pg_language l on l.oid = p.prolang "
                                 "where l.lanname = 'plpgsql' and p.pronamespace = 'progflow'::regnamespace").fetchone()[0]
        assert f"plpgsql_check: {count} plpgsql functions" in report["notes"]
    else:
        assert any(n.startswith("plpgsql_check: not installed on that server") for n in report["notes"])


def test_plpgsql_check_points_at_the_broken_line(run, pg, project_copy):
    copy = project_copy
    broken = copy / "functions" / "progflow" / "broken_example.sql"
    broken.write_text(
        "-- A function with a typo in a column name.\n"
        "create or replace function progflow.broken_example(p_user_id uuid)\n"
        "  returns integer\n"
        "  language plpgsql\n"
        "  stable\n"
        "as $$\n"
        "begin\n"
        "  return (select s.total_xpp from progflow.user_stats s where s.user_id = p_user_id);\n"
        "end;\n"
        "$$;\n")
    with (copy / "sql" / "load.sql").open("a") as f:
        f.write("\\ir ../functions/progflow/broken_example.sql\n")
    args = ["lint", "--json", str(broken), "--server", pg.uri(pg.maintenance_db)]
    if not _has_plpgsql_check(pg):
        report = json.loads(run(args, code=0, project=copy).stdout)
        assert any(n.startswith("plpgsql_check: not installed") for n in report["notes"])
        return
    report = json.loads(run(args, code=1, project=copy).stdout)
    [finding] = [f for f in report["findings"] if f["rule"] == "plpgsql_check:error"]
    assert (finding["path"], finding["line"], finding["rule"]) == (
        "functions/progflow/broken_example.sql", 8, "plpgsql_check:error")
    assert "total_xpp" in finding["why"]


def test_plpgsql_check_needs_a_reachable_server(run):
    result = run(["lint", "--server", "postgresql://nobody@127.0.0.1:1/none"], code=2)
    assert "cannot connect" in result.stderr



def test_a_plpgsql_check_warning_is_allowed_only_with_its_reason_on_the_line_above(run, pg, project_copy):
    copy = project_copy
    source = copy / "functions" / "progflow" / "dynamic_example.sql"
    body = ("-- Runs a statement it is given.\n"
            "create or replace function progflow.dynamic_example(p_sql text)\n"
            "  returns void\n"
            "  language plpgsql\n"
            "  volatile\n"
            "as $$\n"
            "begin\n"
            "{allow}"
            "  execute p_sql;\n"
            "end;\n"
            "$$;\n")
    with (copy / "sql" / "load.sql").open("a") as f:
        f.write("\\ir ../functions/progflow/dynamic_example.sql\n")
    args = ["lint", "--json", str(source), "--server", pg.uri(pg.maintenance_db)]
    if not _has_plpgsql_check(pg):
        source.write_text(body.format(allow=""))
        assert any(n.startswith("plpgsql_check: not installed")
                   for n in json.loads(run(args, code=0, project=copy).stdout)["notes"])
        return
    source.write_text(body.format(allow=""))
    [finding] = json.loads(run(args, code=1, project=copy).stdout)["findings"]
    assert (finding["line"], finding["rule"]) == (8, "plpgsql_check:security")
    source.write_text(body.format(allow="  -- lint: allow security (the caller is the owner)\n"))
    assert json.loads(run(args, code=0, project=copy).stdout)["findings"] == []
    source.write_text(body.format(allow="  -- lint: allow warning-extra (not the kind found)\n"))
    assert json.loads(run(args, code=1, project=copy).stdout)["findings"][0]["rule"] == "plpgsql_check:security"
