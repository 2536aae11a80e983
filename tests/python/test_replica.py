"""The read paths on a streaming standby: deploy and seed on the primary, read on the replica.

The `standby` fixture (tests/conftest.py) makes a hot standby of the test server with
pg_basebackup; the schema, the catalogue and some demo users arrive by replication.
"""

import time

import psycopg
import pytest

READS = {
    "dashboard": "select * from progflow.user_dashboard where id = %(user)s",
    "challenge status": "select * from progflow.user_challenge_status(%(user)s)",
    "recommendations": "select * from progflow.recommend_challenges(%(user)s)",
    "streak": "select progflow.calculate_user_streak(%(user)s)",
    "leaderboard": """select * from progflow.leaderboard_page
                       where period_type = 'all_time' and period_date is null and metric_type = 'xp'
                       order by rank limit 100""",
    "my rank": """select rank from progflow.leaderboard_page
                   where period_type = 'all_time' and period_date is null and metric_type = 'xp' and user_id = %(user)s""",
    "challenge page": """select cp.*, p.status from progflow.challenge_page cp
                          left join progflow.user_challenge_progress p on p.challenge_id = cp.id and p.user_id = %(user)s
                         order by cp.slug""",
}


def _caught_up(primary: str, replica: str, timeout: float = 60) -> None:
    # The insert position, not pg_current_wal_lsn(): the test servers commit asynchronously, so the
    # last commit record may still be in the WAL buffers, behind the written position.
    with psycopg.connect(primary, autocommit=True) as conn:
        lsn = conn.execute("select pg_current_wal_insert_lsn()").fetchone()[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with psycopg.connect(replica, autocommit=True) as conn:
                if conn.execute("select pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,)).fetchone()[0]:
                    return
        except psycopg.OperationalError:  # the database itself may not have been replayed yet
            pass
        time.sleep(0.2)
    pytest.fail(f"the standby did not replay up to {lsn} within {timeout} s")


def _reads(uri: str, user: str) -> dict[str, list]:
    """Every read path as the backend acting for a user (progflow_app, row-level security on)."""
    with psycopg.connect(uri) as conn:
        conn.execute("select set_config('role', 'progflow_app', false), set_config('progflow.user_id', %s, false)", (user,))
        return {name: conn.execute(sql, {"user": user}).fetchall() for name, sql in READS.items()}


def test_the_read_paths_run_on_a_streaming_standby(run, pg, empty_db, standby):
    name = empty_db.rsplit("/", 1)[1]
    run(["deploy", "--target", empty_db])
    run(["seed", "--target", empty_db])
    run(["demo-data", "--users", "50", "--target", empty_db])
    with psycopg.connect(empty_db) as conn:
        user = str(conn.execute("""select s.user_id from progflow.user_stats s
                                    where s.total_challenges_completed > 0
                                      and exists (select from progflow.recommend_challenges(s.user_id))
                                    order by s.total_xp desc limit 1""").fetchone()[0])
    replica = standby(name)
    _caught_up(empty_db, replica)
    with psycopg.connect(replica) as conn:
        assert conn.execute("select pg_is_in_recovery()").fetchone()[0]
        assert conn.execute("select count(*) from progflow.users").fetchone()[0] == 50
    on_replica, on_primary = _reads(replica, user), _reads(empty_db, user)
    assert all(on_replica[name] for name in READS), {name: len(rows) for name, rows in on_replica.items()}
    assert on_replica == on_primary
    # Writes belong to the primary: the standby refuses them with a clear error.
    with psycopg.connect(replica) as conn, pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        conn.execute("select progflow.refresh_leaderboards('all_time')")

    # Is the replica what the sources say? Its server cannot hold a scratch database: --server names one that can.
    refused = run(["diff", "--target", replica, "--check"], code=2)
    assert "cannot create a scratch database" in refused.stderr and "--server" in refused.stderr
    result = run(["diff", "--target", replica, "--server", pg.uri(pg.maintenance_db), "--check"])
    assert "No differences between" in result.stdout
