"""progflow and Debian's sqitch read and write each other's registry, in both directions."""

import psycopg

from conftest import ROOT, registry_rows, snapshot
from progflow import plan

def planned_count():
    return len(plan.parse(ROOT / "migrations" / "sqitch.plan").changes)


def test_after_progflow_deploy_sqitch_sees_it_up_to_date_verifies_and_reverts(run, sqitch, empty_db):
    run(["deploy", "--target", empty_db])
    assert "Nothing to deploy (up-to-date)" in sqitch("status", empty_db).stdout
    sqitch("check", empty_db)
    assert "Verify successful" in sqitch("verify", empty_db).stdout
    sqitch("revert", empty_db, "-y")
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select count(*) from sqitch.changes").fetchone()[0] == 0
        assert conn.execute("select to_regnamespace('progflow')").fetchone()[0] is None
    assert "No changes deployed" in run(["status", "--target", empty_db]).stdout


def test_after_sqitch_deploy_progflow_sees_it_up_to_date_verifies_and_reverts(run, sqitch, empty_db):
    sqitch("deploy", empty_db)
    status = run(["status", "--target", empty_db, "--exit-code"]).stdout
    assert "Nothing to deploy (up-to-date)" in status
    assert f"{planned_count()} of {planned_count()} planned changes deployed" in status
    run(["verify", "--target", empty_db])
    run(["revert", "--target", empty_db, "-y"])
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select count(*) from sqitch.changes").fetchone()[0] == 0
        assert conn.execute("select to_regnamespace('progflow')").fetchone()[0] is None
        events = dict(conn.execute("select event, count(*) from sqitch.events group by 1").fetchall())
    assert events == {"deploy": planned_count(), "revert": planned_count()}
    assert "No changes deployed" in sqitch("status", empty_db, code=1).stdout  # sqitch exits 1 here


def test_tools_take_turns_on_one_database(run, sqitch, empty_db):
    run(["deploy", "--target", empty_db, "--to", "tables/users"])
    sqitch("deploy", empty_db)
    run(["status", "--target", empty_db, "--exit-code"])
    sqitch("revert", empty_db, "--to", "tables/challenges", "-y")
    run(["deploy", "--target", empty_db, "--verify"])
    sqitch("verify", empty_db)
    run(["revert", "--target", empty_db, "--to", "schema", "-y"])
    assert "Undeployed change" in sqitch("status", empty_db).stdout


def test_both_tools_write_the_same_registry_and_schema(run, sqitch, pg):
    by_progflow, by_sqitch = pg.uri(pg.create()), pg.uri(pg.create())
    try:
        run(["deploy", "--target", by_progflow])
        sqitch("deploy", by_sqitch)
        assert registry_rows(by_progflow) == registry_rows(by_sqitch)
        assert snapshot(by_progflow) == snapshot(by_sqitch)
    finally:
        pg.drop(by_progflow.rsplit("/", 1)[1])
        pg.drop(by_sqitch.rsplit("/", 1)[1])


def test_registry_created_by_progflow_has_sqitchs_structure(run, sqitch, pg):
    """The registry tables are a wire format: progflow's must equal the one Sqitch creates."""
    query = """
        select table_name, column_name, data_type, is_nullable, column_default
          from information_schema.columns where table_schema = 'sqitch' order by 1, ordinal_position"""
    constraints = """
        select conrelid::regclass::text, contype, pg_get_constraintdef(oid) from pg_constraint
         where connamespace = 'sqitch'::regnamespace order by 1, 2, 3"""
    by_progflow, by_sqitch = pg.uri(pg.create()), pg.uri(pg.create())
    try:
        run(["deploy", "--target", by_progflow, "--to", "schema"])
        sqitch("deploy", by_sqitch, "--to", "schema")
        with psycopg.connect(by_progflow) as a, psycopg.connect(by_sqitch) as b:
            assert a.execute(query).fetchall() == b.execute(query).fetchall()
            assert a.execute(constraints).fetchall() == b.execute(constraints).fetchall()
    finally:
        pg.drop(by_progflow.rsplit("/", 1)[1])
        pg.drop(by_sqitch.rsplit("/", 1)[1])


def test_deploy_revert_deploy_leaves_an_identical_schema(run, sqitch, empty_db):
    run(["deploy", "--target", empty_db])
    first = snapshot(empty_db)
    run(["revert", "--target", empty_db, "-y"])
    run(["deploy", "--target", empty_db])
    assert snapshot(empty_db) == first
    sqitch("revert", empty_db, "-y")
    sqitch("deploy", empty_db)
    assert snapshot(empty_db) == first
