"""Every command, its output and its exit code (0 clean, 1 a check found a problem, 2 could not do it)."""

import json

import psycopg
import pytest

from progflow.cli import cli


def test_every_command_has_help_with_an_example(run):
    for name, command in cli.commands.items():
        text = run([name, "--help"]).stdout
        assert command.help and "Example:" in text, f"{name} lacks help text with an example"


def test_every_command_is_documented_in_the_readme():
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    for name in cli.commands:
        assert f"progflow {name}" in readme, f"README does not mention progflow {name}"


def test_version(run):
    assert "progflow, version" in run(["--version"]).stdout


def test_plan_needs_no_database(run):
    data = json.loads(run(["plan", "--json"]).stdout)
    assert data["project"] == "progflow"
    assert data["changes"][0]["name"] == "roles" and len(data["changes"][0]["id"]) == 40
    piped = run(["plan"]).stdout  # not a terminal: whole lines, nothing cut at 80 columns
    for change in data["changes"]:
        assert f"{change['id'][:12]} {change['name']} " in " ".join(piped.split()), change["name"]


def test_status_of_an_empty_database(run, empty_db):
    assert "No changes deployed" in run(["status", "--target", empty_db]).stdout
    result = run(["status", "--target", empty_db, "--exit-code"], code=1)
    assert "changes undeployed" in result.stderr


def test_deploy_to_then_status_json(run, empty_db):
    run(["deploy", "--target", empty_db, "--to", "tables/users"])
    state = json.loads(run(["status", "--target", empty_db, "--json"]).stdout)
    assert state["last_change"]["name"] == "tables/users"
    assert state["undeployed"][0] == "tables/user_stats" and not state["up_to_date"]
    run(["deploy", "--target", empty_db])
    state = json.loads(run(["status", "--target", empty_db, "--json", "--exit-code"]).stdout)
    assert state["up_to_date"] and state["undeployed"] == []
    assert "Nothing to deploy (up-to-date)" in run(["deploy", "--target", empty_db]).stdout


def test_sqitch_style_targets_are_accepted(run, deployed_db):
    sqitch_uri = "db:" + deployed_db.replace("postgresql://", "pg://", 1)
    assert "Nothing to deploy" in run(["status", "--target", sqitch_uri]).stdout
    assert "Nothing to deploy" in run(["status"], env={"PROGFLOW_TARGET": deployed_db}).stdout
    assert "Nothing to deploy" in run(["status"], env={"DATABASE_URL": deployed_db}).stdout


def test_verify_passes_then_finds_a_broken_object(run, deployed_db):
    assert "Verified" in run(["verify", "--target", deployed_db]).stdout
    with psycopg.connect(deployed_db) as conn:
        conn.execute("alter table progflow.notifications drop column action_url")
    result = run(["verify", "--target", deployed_db, "--json"], code=1)
    report = json.loads(result.stdout)
    assert report["failed"] == ["tables/notifications"]
    assert "action_url" in next(r["error"] for r in report["results"] if not r["ok"])


@pytest.mark.parametrize("breach, change", [
    ("revoke execute on function progflow.use_hint(uuid, uuid, integer) from progflow_app", "functions/use_hint"),
    ("grant execute on function progflow.lock_user(uuid) to public", "functions/lock_user"),
    ("alter function progflow.award_xp(uuid, integer, text, text, text) security invoker", "functions/award_xp"),
    ("alter function progflow.xp_for_level(integer) reset search_path", "functions/xp_for_level"),
    ("drop trigger _700_dashboard_changed on progflow.user_skills", "functions/tg__dashboard_changed"),
])
def test_a_function_verify_proves_what_its_change_made(run, deployed_db, breach, change):
    """Not the name only: the signature, SECURITY DEFINER or not, the pinned search_path, EXECUTE, its triggers."""
    with psycopg.connect(deployed_db) as conn:
        conn.execute(breach)
    report = json.loads(run(["verify", "--target", deployed_db, "--json"], code=1).stdout)
    assert change in report["failed"]


def test_revert_asks_unless_told_yes(run, deployed_db):
    result = run(["revert", "--target", deployed_db], code=2)
    assert "without -y" in result.stderr
    run(["revert", "--target", deployed_db, "--to", "tables/users", "-y"])
    state = json.loads(run(["status", "--target", deployed_db, "--json"]).stdout)
    assert state["last_change"]["name"] == "tables/users"
    run(["revert", "--target", deployed_db, "--to", "nope", "-y"], code=2)


def test_revert_at_a_terminal_checks_the_name_first_and_a_no_is_no_error(deployed_db, monkeypatch):
    """An unknown --to fails before any question; answering no reverts nothing and exits 0 (1 means a check failed)."""
    from click.testing import CliRunner

    from progflow.cli import cli as progflow_cli

    monkeypatch.setattr("progflow.cli.base.at_terminal", lambda: True)

    def revert(*args, answer=""):
        return CliRunner().invoke(progflow_cli, ["revert", "--target", deployed_db, *args], input=answer)

    unknown = revert("--to", "nosuchchange", answer="y\n")
    assert unknown.exit_code == 2 and "nosuchchange is not deployed" in unknown.stderr
    assert "Revert" not in unknown.stdout, "it asked before checking the name"
    declined = revert("--to", "tables/users", answer="n\n")
    assert declined.exit_code == 0 and "Nothing reverted" in declined.stdout
    assert "changes after tables/users" in declined.stdout
    with psycopg.connect(deployed_db) as conn:
        assert conn.execute("select count(*) from sqitch.changes").fetchone()[0] > 100


def test_log_lists_events_newest_first(run, empty_db):
    run(["deploy", "--target", empty_db, "--to", "functions/current_user_id"])
    run(["revert", "--target", empty_db, "--to", "schema", "-y"])
    events = json.loads(run(["log", "--target", empty_db, "--json"]).stdout)
    assert [(e["event"], e["change"]) for e in events] == [
        ("revert", "functions/current_user_id"), ("deploy", "functions/current_user_id"), ("deploy", "schema"),
        ("deploy", "roles")]
    assert len(json.loads(run(["log", "--target", empty_db, "--json", "-n", "1"]).stdout)) == 1
    only = json.loads(run(["log", "--target", empty_db, "--json", "--event", "revert"]).stdout)
    assert [e["event"] for e in only] == ["revert"]
    assert "schema" in run(["log", "--target", empty_db]).stdout


@pytest.mark.parametrize("args, message", [
    (["status", "--target", "mysql://localhost/x"], "is not a PostgreSQL URI"),
    (["status", "--target", "postgresql://nobody@127.0.0.1:1/none"], "cannot connect"),
    (["deploy", "--target", "postgresql://nobody@127.0.0.1:1/none", "--mode", "sometimes"], "Invalid value"),
    (["log", "-n", "0", "--target", "postgresql://127.0.0.1:1/x"], "Invalid value"),
])
def test_bad_usage_and_unreachable_targets_exit_2_with_one_line(run, args, message):
    result = run(args, code=2)
    assert message in result.stderr


@pytest.mark.parametrize("command", [["status"], ["log"], ["seed"], ["jobs", "status"], ["diff", "--server"]])
def test_an_unreachable_server_is_named_with_libpqs_reason(run, command):
    """The reason libpq gives ("connection to server at …, port 1 failed: Connection refused"), not only its
    closing question, and no stray tab: every command connects the same way."""
    result = run([*command, "postgresql://nobody@127.0.0.1:1/none"] if command[-1] == "--server"
                 else [*command, "--target", "postgresql://nobody@127.0.0.1:1/none"], code=2)
    error = result.stderr.splitlines()[0]
    assert error.startswith("Error: cannot connect to postgresql://nobody@127.0.0.1:1/none: connection to server at")
    assert "port 1 failed: Connection refused" in error and "\t" not in result.stderr
    assert "hint: Is the server running" in result.stderr


def test_outside_a_project_exits_2(run, tmp_path):
    assert "no sqitch.conf" in run(["plan"], code=2, project=tmp_path).stderr


def test_no_target_and_no_embedded_server_exits_2(run, tmp_path):
    result = run(["status"], code=2, env={"PROGFLOW_DATA_DIR": str(tmp_path / "none")})
    assert "embedded server is not running" in result.stderr and "progflow up" in result.stderr


def test_add_writes_three_scripts_and_appends_to_the_plan(run, make_project, tmp_path):
    root = make_project({"one": ("create table public.one ();", "drop table public.one;", "select 1;")})
    plan = root / "migrations" / "sqitch.plan"
    before = plan.read_text()
    templates = root / "migrations" / "templates"
    from conftest import ROOT

    import shutil

    shutil.copytree(ROOT / "migrations" / "templates", templates)
    run(["add", "extras", "-r", "one", "-n", "A change without a source"], project=root)
    after = plan.read_text()
    assert after.startswith(before) and after.count("\n") == before.count("\n") + 1
    assert "extras [one]" in after.splitlines()[-1] and after.rstrip().endswith("# A change without a source")
    for kind in ("deploy", "revert", "verify"):
        assert (root / "migrations" / kind / "extras.sql").is_file()
    assert "already in the plan" in run(["add", "extras"], code=2, project=root).stderr
    assert "does not exist" in run(["add", "tables/ghost"], code=2, project=root).stderr


def test_add_copies_a_source_verbatim_even_when_it_reads_like_a_template(run, make_project):
    """A function's SQL may hold `{%s}` or `{{`: the deploy script holds the source as written, not the
    source rendered as a jinja2 template (which failed, or changed it)."""
    root = make_project({"one": ("select 1;", "select 1;", "select 1;")})
    from conftest import ROOT

    import shutil

    shutil.copytree(ROOT / "migrations" / "templates", root / "migrations" / "templates")
    source = ("create or replace function progflow.f() returns text language sql\n"
              "  set search_path = pg_catalog, pg_temp\n"
              "as $$ select format('levels {%s} and {{%s}}', 1, 2) $$;  {# not a comment #}\n")
    (root / "functions" / "progflow").mkdir(parents=True)
    (root / "functions" / "progflow" / "f.sql").write_text(source)
    run(["add", "functions/f", "-r", "one"], project=root)
    assert source in (root / "migrations" / "deploy" / "functions" / "f.sql").read_text()


def test_every_table_source_is_in_a_change_with_its_hash():
    """A table's change includes its source with its hash; a source changed since is in the later change's header.

    (A released change never changes: after `tables/users`, a column or a check of users arrives
    in a change of its own, drafted from the source, whose header names the source as it is now.)
    """
    from conftest import ROOT

    from progflow import render

    scripts = {p: p.read_text() for p in (ROOT / "migrations" / "deploy").rglob("*.sql")}
    for path in sorted((ROOT / "sql" / "progflow" / "tables").glob("*.sql")):
        source = render.source_for(ROOT, f"tables/{path.stem}")
        header = f"-- source: sql/progflow/tables/{path.name} sha256:{source.sha256}"
        holding = [p for p, text in scripts.items() if header in text]
        assert holding, f"no change holds {path.name} as it is now"
        own = ROOT / "migrations" / "deploy" / "tables" / path.name
        if own in holding:
            assert source.text in scripts[own]


def test_dry_run_prints_the_sql_and_changes_nothing(run, empty_db):
    run(["deploy", "--target", empty_db, "--to", "types/skill_level"])
    sql = run(["deploy", "--target", empty_db, "--dry-run", "--to", "tables/users"]).stdout
    assert "-- progflow: change types/track_difficulty" in sql and "create table progflow.users" in sql
    assert "types/skill_level (" not in sql  # already deployed
    state = json.loads(run(["status", "--target", empty_db, "--json"]).stdout)
    assert state["last_change"]["name"] == "types/skill_level"


def test_a_registry_of_another_release_is_refused(run, deployed_db):
    with psycopg.connect(deployed_db) as conn:
        conn.execute("update sqitch.releases set version = 1.0")
    for command in (["status"], ["deploy"], ["revert", "-y"], ["verify"]):
        result = run([*command, "--target", deployed_db], code=2)
        assert "registry is at release 1," in result.stderr and "sqitch upgrade" in result.stderr


def test_a_project_registered_with_another_uri_is_refused(run, deployed_db):
    with psycopg.connect(deployed_db) as conn:
        conn.execute("update sqitch.projects set uri = 'https://example.org/other/'")
    assert "registered with URI" in run(["deploy", "--target", deployed_db], code=2).stderr


def test_passwords_are_not_printed():
    from progflow.target import redact

    assert redact("postgresql://dba:s3cret@db/x") == "postgresql://dba:***@db/x"
    assert redact("postgresql://postgres:@/progflow?host=/tmp") == "postgresql://postgres:@/progflow?host=/tmp"
