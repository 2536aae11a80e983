"""render and diff: the sources, the migrations and live databases kept in step."""

import subprocess

import psycopg
import pytest

from conftest import snapshot


def maintenance_uri(pg):
    return pg.uri(pg.maintenance_db)


def test_rendered_sources_load_with_psql_and_equal_the_migrations(run, pg, empty_db, deployed_db):
    script = run(["render", "--with-seed"]).stdout
    done = subprocess.run(["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-q", "-d", empty_db],
                          input=script, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert snapshot(empty_db) == snapshot(deployed_db)
    with psycopg.connect(empty_db) as conn:
        assert conn.execute("select count(*) from progflow.challenge_levels").fetchone()[0] == 305


def test_render_writes_a_file(run, tmp_path):
    out = tmp_path / "schema.sql"
    run(["render", "-o", str(out)])
    assert "create table progflow.users" in out.read_text() and "\\ir" not in out.read_text()


def test_migrations_and_sources_do_not_differ(run, pg):
    result = run(["diff", "--check", "--server", maintenance_uri(pg)])
    assert "No differences between the migrations and the sources" in result.stdout


@pytest.mark.parametrize("change, named", [
    ("alter table progflow.users add column nickname text", "column users.nickname: only in the first"),
    ("drop index progflow.users_last_active_at_idx", "index progflow.users_last_active_at_idx: only in the second"),
    ("grant select on progflow.users to public", "relation users: differs"),
    ("alter table progflow.notifications no force row level security", "relation notifications: differs"),
    ("drop policy self_read on progflow.notifications", "policy progflow.notifications.self_read: only in the second"),
    ("grant execute on function progflow.award_xp(uuid, integer, text, text, text) to progflow_app",
     "function progflow.award_xp(uuid,integer,text,text,text): differs"),
    ("create or replace function progflow.rank_title(level integer) returns text language sql immutable "
     "as $$ select 'Novice' $$", "function progflow.rank_title(integer): differs"),
    ("comment on column progflow.users.email is 'changed'", "column users.email: differs"),
])
def test_a_hand_made_change_on_a_live_target_is_named(run, deployed_db, change, named):
    run(["diff", "--target", deployed_db, "--check"])  # the template is identical to the sources
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute(change)
    result = run(["diff", "--target", deployed_db, "--check"], code=1)
    assert named in result.stdout
    assert f"{deployed_db.rsplit('/', 1)[1]} and the sources differ" in result.stderr


def test_the_months_a_live_database_has_partitions_for_are_not_drift(run, deployed_db):
    """Monthly partitions are data (ensure_partitions, imports): a database that lived has others than the
    sources make today. What was done by hand to one still shows."""
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute("select progflow.ensure_partitions(6, 14)")
        first = conn.execute("select min(relname::text) from pg_class where relname like 'xp_transactions_p%'"
                             " and relkind = 'r'").fetchone()[0]
        conn.execute(f"drop table progflow.{first.replace('xp_transactions', 'level_attempts')}")
    run(["diff", "--target", deployed_db, "--check"])
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute(f"create index by_hand on progflow.{first} (amount)")
        conn.execute("drop table progflow.level_attempts_default")
    result = run(["diff", "--target", deployed_db, "--check"], code=1)
    assert "index progflow.by_hand: only in the first" in result.stdout
    assert "level_attempts_default: only in the second" in result.stdout


def test_diff_json_and_statements(run, deployed_db):
    import json

    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute("alter table progflow.users add column nickname text")
    report = json.loads(run(["diff", "--target", deployed_db, "--json"]).stdout)
    assert not report["identical"] and "nickname" in report["statements"]
    assert report["objects"] == ["column users.nickname: only in the first"]


def test_diff_reports_a_source_edited_since_its_change(run, pg, tmp_path):
    import shutil

    from conftest import ROOT

    copy = tmp_path / "project"
    for part in ("sql", "functions", "views", "migrations", "seed"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy(ROOT / "sqitch.conf", copy / "sqitch.conf")
    source = copy / "functions" / "progflow" / "rank_title.sql"
    source.write_text(source.read_text().replace("'Novice'", "'Beginner'"))
    result = run(["diff", "--check", "--server", maintenance_uri(pg)], code=1, project=copy)
    assert "Source edited since its latest change: functions/progflow/rank_title.sql" in result.stderr
    assert "function progflow.rank_title(integer): differs" in result.stdout
