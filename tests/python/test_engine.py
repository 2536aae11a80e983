"""Failures, refusals, locks and concurrency of deploy and revert."""

import threading

import psycopg
import pytest

from progflow import engine, project
from progflow.errors import ChangeFailed, LockBusy, ScriptChanged

THREE = {
    "one": ("create table public.one (id int);", "drop table public.one;", "select id from public.one where false;"),
    "two": ("create table public.two (id int);", "drop table public.two;", "select id from public.two where false;"),
    "three": (
        """
        create table public.three (id int);
        insert into public.three values (1);
        select * from public.no_such_table;
        """,
        "drop table public.three;",
        "select id from public.three where false;",
    ),
}


def tables(uri):
    with psycopg.connect(uri) as conn:
        return sorted(r[0] for r in conn.execute(
            "select tablename from pg_tables where schemaname = 'public'").fetchall())


def registry(uri):
    with psycopg.connect(uri) as conn:
        changes = [r[0] for r in conn.execute("select change from sqitch.changes order by committed_at")]
        events = [tuple(r) for r in conn.execute("select event, change from sqitch.events order by committed_at")]
    return changes, events


def test_a_failing_change_is_rolled_back_and_named_with_its_line(run, make_project, empty_db):
    root = make_project(THREE)
    result = run(["deploy", "--target", empty_db, "--mode", "change"], code=2, project=root)
    message = result.stderr
    assert "three failed, and was rolled back" in message
    assert "migrations/deploy/three.sql:5" in message  # the select on the missing table
    assert 'relation "public.no_such_table" does not exist' in message
    assert "42P01" in message
    assert tables(empty_db) == ["one", "two"]  # three's table and row are gone with it
    changes, events = registry(empty_db)
    assert changes == ["one", "two"]
    assert events == [("deploy", "one"), ("deploy", "two"), ("fail", "three")]


def test_mode_all_reverts_the_whole_run(run, make_project, empty_db):
    root = make_project(THREE)
    run(["deploy", "--target", empty_db], code=2, project=root)
    assert tables(empty_db) == []
    changes, events = registry(empty_db)
    assert changes == []
    assert events == [("deploy", "one"), ("deploy", "two"), ("fail", "three"), ("revert", "two"), ("revert", "one")]


def test_a_failing_verify_rolls_the_change_back(run, make_project, empty_db):
    broken = dict(THREE, three=("create table public.three (id int);", "drop table public.three;",
                                "select missing_column from public.three;"))
    root = make_project(broken)
    result = run(["deploy", "--target", empty_db, "--verify", "--mode", "change"], code=2, project=root)
    assert "column \"missing_column\" does not exist" in result.stderr
    assert tables(empty_db) == ["one", "two"]


def test_a_changed_deployed_script_is_refused_by_name(run, make_project, empty_db):
    root = make_project(dict(list(THREE.items())[:2]))
    run(["deploy", "--target", empty_db], project=root)
    script = root / "migrations" / "deploy" / "one.sql"
    script.write_text(script.read_text().replace("(id int)", "(id bigint)"))
    with (root / "migrations" / "sqitch.plan").open("a") as plan:
        plan.write("four 2026-02-01T00:00:00Z Test <test@example.org>\n")
    for kind, sql in (("deploy", "create table public.four ();"), ("revert", "drop table public.four;"),
                      ("verify", "select 1;")):
        (root / "migrations" / kind / "four.sql").write_text(f"begin;\n{sql}\ncommit;\n")
    result = run(["deploy", "--target", empty_db], code=2, project=root)
    assert "deployed scripts no longer match" in result.stderr
    assert "one (migrations/deploy/one.sql)" in result.stderr
    assert tables(empty_db) == ["one", "two"]
    assert "Changed since deployed: migrations/deploy/one.sql" in run(["status", "--target", empty_db],
                                                                       project=root).stdout
    assert "Changed since deployed" in run(["verify", "--target", empty_db], code=1, project=root).stdout


def test_lock_timeout_stops_a_change_that_waits_for_a_lock(run, make_project, empty_db):
    root = make_project({
        "one": ("create table public.one (id int);", "drop table public.one;", "select 1;"),
        "two": ("alter table public.one add column x int;", "alter table public.one drop column x;", "select 1;"),
    })
    run(["deploy", "--target", empty_db, "--to", "one"], project=root)
    with psycopg.connect(empty_db) as blocker:
        blocker.execute("lock table public.one in access share mode")
        result = run(["deploy", "--target", empty_db, "--lock-timeout", "200ms"], code=2, project=root)
    assert "lock timeout" in result.stderr and "55P03" in result.stderr
    assert registry(empty_db)[0] == ["one"]


def test_a_deploy_waits_for_the_registry_lock_and_gives_up_cleanly(make_project, empty_db):
    root = make_project(dict(list(THREE.items())[:1]))
    with psycopg.connect(empty_db, autocommit=True) as other:
        other.execute("select pg_advisory_lock(75474063)")  # as a running sqitch would
        settings = engine.Settings(lock_wait=0.3)
        with engine.Engine(project.load(root), empty_db, settings) as eng:
            with pytest.raises(LockBusy, match="holds the registry lock"):
                eng.deploy()
    assert tables(empty_db) == []


def test_concurrent_deploys_do_not_interleave(empty_db):
    proj = project.load()
    errors, deployed = [], []

    def deploy():
        try:
            with engine.Engine(proj, empty_db) as eng:
                deployed.append(eng.deploy())
        except Exception as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=deploy) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(len(d) for d in deployed) == [0, 0, len(proj.plan.changes)]
    with psycopg.connect(empty_db) as conn:  # by id: a reworked change is planned, and deployed, twice by name
        ids = [r[0] for r in conn.execute("select change_id from sqitch.changes")]
    assert len(ids) == len(set(ids)) == len(proj.plan.changes)
    _, events = registry(empty_db)
    assert [e for e, _ in events] == ["deploy"] * len(proj.plan.changes)


def test_scripts_without_a_transaction_run_through_psql(run, sqitch, make_project, empty_db):
    root = make_project({
        "one": ("create table public.one (id int);", "drop table public.one;", "select 1;"),
        "one_idx": ("create index concurrently one_id_idx on public.one (id);",
                    "drop index concurrently public.one_id_idx;", "select 'public.one_id_idx'::regclass;"),
    }, wrap=False)
    run(["deploy", "--target", empty_db, "--verify"], project=root)
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select to_regclass('public.one_id_idx')").fetchone()[0] is not None
    sqitch("status", empty_db, project=root)
    run(["revert", "--target", empty_db, "-y"], project=root)
    assert tables(empty_db) == []


def test_a_failing_revert_is_rolled_back(run, make_project, empty_db):
    root = make_project({"one": ("create table public.one (id int);", "drop table public.nope;", "select 1;")})
    run(["deploy", "--target", empty_db], project=root)
    result = run(["revert", "--target", empty_db, "-y"], code=2, project=root)
    assert "revert of one failed" in result.stderr and "migrations/revert/one.sql:3" in result.stderr
    assert registry(empty_db)[0] == ["one"] and tables(empty_db) == ["one"]


def test_requirements_and_conflicts_are_enforced(make_project, empty_db):
    root = make_project({
        "one": ("create table public.one ();", "drop table public.one;", "select 1;"),
        "two": ("create table public.two ();", "drop table public.two;", "select 1;"),
    }, requires={"two": ["one", "!other:thing"]})
    with engine.Engine(project.load(root), empty_db) as eng:
        assert eng.deploy() == ["one", "two"]
    with psycopg.connect(empty_db) as conn:
        deps = conn.execute("select type, dependency, dependency_id is null from sqitch.dependencies").fetchall()
    assert sorted(deps) == [("conflict", "other:thing", True), ("require", "one", False)]


def test_deploy_to_an_earlier_change_points_to_revert(run, empty_db):
    run(["deploy", "--target", empty_db])
    result = run(["deploy", "--target", empty_db, "--to", "tables/users"], code=2)
    assert "progflow revert --to tables/users" in result.stderr


def test_a_plan_that_lost_a_deployed_change_is_refused(run, make_project, empty_db):
    root = make_project(dict(list(THREE.items())[:2]))
    run(["deploy", "--target", empty_db], project=root)
    plan = root / "migrations" / "sqitch.plan"
    plan.write_text(plan.read_text().replace("# one", "# one, edited"))
    result = run(["status", "--target", empty_db], code=2, project=root)
    assert "deployed change one" in result.stderr and "is not in sqitch.plan" in result.stderr


def test_engine_errors_are_named(make_project, empty_db):
    root = make_project(THREE)
    with engine.Engine(project.load(root), empty_db, engine.Settings(mode="change")) as eng:
        with pytest.raises(ChangeFailed):
            eng.deploy()
    script = root / "migrations" / "deploy" / "one.sql"
    script.write_text(script.read_text() + "-- edited\n")
    with engine.Engine(project.load(root), empty_db) as eng:
        with pytest.raises(ScriptChanged):
            eng.deploy()


def test_mode_tag_reverts_back_to_the_last_tag_of_the_run(run, make_project, empty_db):
    root = make_project(THREE)
    plan = root / "migrations" / "sqitch.plan"
    lines = plan.read_text().splitlines()
    lines.insert(lines.index(next(line for line in lines if line.startswith("one "))) + 1,
                 "@v1 2026-01-01T12:00:00Z Test <test@example.org> # after one")
    plan.write_text("\n".join(lines) + "\n")
    run(["deploy", "--target", empty_db, "--mode", "tag"], code=2, project=root)
    assert tables(empty_db) == ["one"]
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select tag from sqitch.tags").fetchall() == [("@v1",)]


def test_a_wrapped_script_that_commits_inside_is_left_to_psql(tmp_path):
    from progflow.scripts import Script

    path = tmp_path / "x.sql"
    path.write_text("begin;\ncreate table a ();\ncommit;\nbegin;\ncreate table b ();\ncommit;\n")
    assert not Script.load(path, "deploy").transactional
    path.write_text("-- header\nbegin;\ncreate function f() returns int language sql as $$ select 1; $$;\ncommit;\n")
    script = Script.load(path, "deploy")
    assert script.transactional and "begin" not in script.body and len(script.body) == len(script.text)
