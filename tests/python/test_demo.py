"""Demo data and the benchmark runner: the data keeps the engine's invariants, the runner runs.

Speed is the benchmarks' business (benchmarks/run.py); these tests only hold the generator to
correctness and the runner to working end to end on a tiny size.
"""

import json
import subprocess
import sys
from urllib.parse import quote

import psycopg
import pytest

from conftest import ROOT

HELPERS = (ROOT / "tests" / "fixtures" / "helpers.sql").read_text()


@pytest.fixture
def seeded_db(run, empty_db):
    run(["deploy", "--target", empty_db])
    run(["seed", "--target", empty_db])
    return empty_db


def test_demo_data_keeps_every_invariant_of_the_engine(run, seeded_db):
    counts = json.loads(run(["demo-data", "--users", "300", "--batch", "100", "--json", "--target", seeded_db]).stdout)
    assert counts["users"] == 300 and counts["level_attempts"] > 300 and counts["daily_challenge_attempts"] > 0
    with psycopg.connect(seeded_db, autocommit=True) as conn:
        conn.execute(HELPERS)
        assert conn.execute("select count(*) from progflow.users u, tests.invariant_violations(u.id)").fetchone()[0] == 0
        # The ledger is its own audit record: each row names the role that wrote it.
        assert conn.execute("select count(*) from progflow.xp_transactions where db_role is distinct from current_user"
                            ).fetchone()[0] == 0
        assert conn.execute("select count(*) from progflow.audit_log where action = 'xp'").fetchone()[0] == 0
        assert conn.execute("""
            select count(*) from progflow.user_achievements x
             where not exists (select from progflow.audit_log a where a.action = 'achievement' and a.object_id = x.id::text)
        """).fetchone()[0] == 0
        assert conn.execute("select count(*) from progflow.level_attempts_default").fetchone()[0] == 0
        assert conn.execute("select count(*) from progflow.xp_transactions_default").fetchone()[0] == 0
        # History spans months, streaks and leaderboards exist, and the engine plays on from there.
        assert conn.execute("select max(now() - created_at) > interval '90 days' from progflow.users").fetchone()[0]
        assert conn.execute("select max(current_streak_days) > 1 from progflow.user_stats").fetchone()[0]
        assert conn.execute("select count(*) from progflow.leaderboard_entries").fetchone()[0] > 0
        # The realistic profile's long tail (benchmarks/demo_data.sql): about half never attempt a
        # level, and the busiest tenth of the users make most of the attempts.
        idle, top_share = conn.execute("""
            select avg((n = 0)::int), sum(n) filter (where pos <= 30)::float8 / sum(n)
              from (select count(a.user_id) as n, row_number() over (order by count(a.user_id) desc) as pos
                      from progflow.users u left join progflow.level_attempts a on a.user_id = u.id group by u.id) x
        """).fetchone()
        assert 0.4 < idle < 0.6 and top_share > 0.6, (idle, top_share)
        user, challenge, level = conn.execute("""
            select user_id, challenge_id, current_level + 1 from progflow.user_challenge_progress
             where status = 'in_progress' limit 1""").fetchone()
        conn.execute("select * from progflow.submit_level_attempt(%s, %s, %s, '{}', '[]', 90)", (user, challenge, level))
        assert conn.execute("select count(*) from tests.invariant_violations(%s)", (user,)).fetchone()[0] == 0


def test_the_same_seed_gives_the_same_data_and_a_second_run_is_refused(run, pg, seeded_db):
    other = pg.create()
    try:
        other_uri = pg.uri(other)
        run(["deploy", "--target", other_uri])
        run(["seed", "--target", other_uri])
        for uri, batch in ((seeded_db, "100"), (other_uri, "150")):
            run(["demo-data", "--users", "200", "--seed", "7", "--batch", batch, "--target", uri])
        digest = """select md5(string_agg(format('%s %s %s %s', user_id, total_xp, current_streak_days, total_levels_completed),
                                         ',' order by user_id)) from progflow.user_stats"""
        with psycopg.connect(seeded_db) as a, psycopg.connect(other_uri) as b:
            assert a.execute(digest).fetchone() == b.execute(digest).fetchone()
        result = run(["demo-data", "--users", "10", "--target", seeded_db], code=2)
        assert "has demo data already" in result.stderr
    finally:
        pg.drop(other)


def test_the_uniform_profile_gives_everyone_a_history_and_keeps_the_invariants(run, seeded_db):
    counts = json.loads(run(["demo-data", "--users", "100", "--profile", "uniform", "--json", "--target", seeded_db]).stdout)
    assert counts["level_attempts"] > 100 * 20  # about fifty attempts a user, where the realistic profile has ten
    with psycopg.connect(seeded_db, autocommit=True) as conn:
        conn.execute(HELPERS)
        assert conn.execute("select count(*) from progflow.users u, tests.invariant_violations(u.id)").fetchone()[0] == 0
        assert conn.execute("select count(*) from progflow.users u where not exists"
                            " (select from progflow.level_attempts a where a.user_id = u.id)").fetchone()[0] == 0
    refused = run(["demo-data", "--users", "10", "--profile", "mooc", "--target", seeded_db], code=2)
    assert "is not one of 'realistic', 'uniform'" in refused.stderr


def test_demo_data_needs_a_superuser_a_schema_and_a_catalogue(run, empty_db):
    assert "has no progflow schema" in run(["demo-data", "--users", "10", "--target", empty_db], code=2).stderr
    run(["deploy", "--target", empty_db])
    assert "has no catalogue" in run(["demo-data", "--users", "10", "--target", empty_db], code=2).stderr
    as_app = empty_db + "?options=" + quote("-c role=progflow_app")
    assert "needs a superuser" in run(["demo-data", "--users", "10", "--target", as_app], code=2).stderr


def test_the_benchmark_runner_prints_its_table(pg, tmp_path):
    out = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--target", pg.uri(pg.maintenance_db),
                           "--users", "200", "--clients", "2", "--seconds", "1", "--rounds", "2",
                           "--json", str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "progflow benchmarks" in done.stdout and "batch jobs" in done.stdout
    results = json.loads(out.read_text())
    workloads = {r["workload"] for r in results["results"]}
    assert {"award_xp", "submit_level_attempt", "dashboard", "leaderboard", "recommend_challenges",
            "challenge_page", "around_me", "insert_baseline", "select_baseline"} <= workloads
    assert all(r["tps"] > 0 for r in results["results"])
    assert results["settings"] == {"clients": 2, "seconds": 1, "rounds": 2, "profile": "realistic"}
    assert results["databases"]["200"]["ranked_users"] > 0 and results["databases"]["200"]["generated_seconds"] > 0
    with psycopg.connect(pg.uri(pg.maintenance_db), autocommit=True) as conn:
        conn.execute('drop database if exists "progflow_bench_200" with (force)')
