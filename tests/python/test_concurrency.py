"""Many sessions at once on the same few users: nothing lost, no deadlock, every invariant true, and the
rate limit exact."""

import random
import threading
from collections import Counter

import psycopg

USERS = ["ada", "bob", "cyd"]
THREADS = 8
CALLS = 30
LIMIT = 20  # submissions per user per minute; about 40 are tried per user, within a few seconds


def set_rate_limit(conn, limit: int) -> None:
    """The limit is game_settings' (the owner's to change); no session setting moves it."""
    conn.execute("update progflow.game_settings set max_submissions_per_minute = %s", (limit,))


def test_concurrent_awards_attempts_and_hints_lose_nothing(deployed_db):
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute("select tests.load_catalogue()")
        set_rate_limit(conn, LIMIT)
        for name in USERS:
            conn.execute("select tests.create_user(%s)", (name,))

    awarded, submitted, refused, unexpected = Counter(), Counter(), Counter(), []
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with psycopg.connect(deployed_db, autocommit=True) as conn:
            barrier.wait()
            for _ in range(CALLS):
                user = rng.choice(USERS)
                action = rng.choice(["award", "submit", "submit", "hint"])
                try:
                    if action == "award":
                        amount = rng.randint(1, 50)
                        conn.execute("select progflow.award_xp(tests.user_id(%s), %s, 'admin')", (user, amount))
                        with lock:
                            awarded[user] += amount
                    elif action == "submit":
                        conn.execute("select * from tests.submit(%s, 'a', 1, %s)", (user, rng.choice([30, 70, 100])))
                        with lock:
                            submitted[user] += 1
                    else:
                        conn.execute("select * from progflow.use_hint(tests.user_id(%s), "
                                     "'00000000-0000-0000-0000-0000000000c1', 1)", (user,))
                except psycopg.Error as exc:
                    if action == "submit" and exc.sqlstate == "PF003":
                        with lock:
                            refused[user] += 1
                    elif exc.sqlstate != "PF007":  # no hint left is a documented, expected refusal
                        with lock:
                            unexpected.append(f"{action} for {user}: {exc.sqlstate} {exc}")

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert unexpected == []  # no deadlock (40P01), no serialization failure (40001), nothing undocumented
    with psycopg.connect(deployed_db) as conn:
        for user in USERS:
            assert conn.execute("select * from tests.invariant_violations(tests.user_id(%s))", (user,)).fetchall() == []
            admin, attempts, first_passes = conn.execute(
                """select (select coalesce(sum(amount), 0) from progflow.xp_transactions
                            where user_id = tests.user_id(%s) and source_type = 'admin'),
                          (select count(*) from progflow.level_attempts where user_id = tests.user_id(%s)),
                          (select count(*) from progflow.xp_transactions
                            where user_id = tests.user_id(%s) and source_type = 'challenge')""",
                (user, user, user)).fetchone()
            assert admin == awarded[user], f"{user}: admin XP lost"
            assert attempts == submitted[user], f"{user}: attempts lost"
            assert attempts == (LIMIT if refused[user] else submitted[user]), f"{user}: rate limit not exact"
            assert first_passes <= 1, f"{user}: level 1 paid out more than once"


def test_concurrent_replays_of_one_key_record_one_attempt(deployed_db):
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute("select tests.load_catalogue()")
        set_rate_limit(conn, LIMIT)
        conn.execute("select tests.create_user('ada')")
    results, barrier = [], threading.Barrier(6)

    def replay() -> None:
        with psycopg.connect(deployed_db, autocommit=True) as conn:
            barrier.wait()
            row = conn.execute("select attempt_id, xp_earned from tests.submit('ada', 'a', 1, 100, 10, 'same-key')").fetchone()
            results.append(row)

    threads = [threading.Thread(target=replay) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 6 and len(set(results)) == 1 and results[0][1] == 165
    with psycopg.connect(deployed_db) as conn:
        assert conn.execute("select count(*) from progflow.level_attempts").fetchone()[0] == 1


def test_detaching_months_waits_for_running_work_no_longer_than_lock_timeout(deployed_db):
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute("select progflow.ensure_partitions(0, 2)")
        before = (conn.execute("select (date_trunc('month', now() at time zone 'UTC') - interval '1 month')::date")
                  .fetchone()[0])
    with psycopg.connect(deployed_db) as reader, psycopg.connect(deployed_db, autocommit=True) as dba:
        reader.execute("select count(*) from progflow.level_attempts")  # holds its lock until the transaction ends
        try:
            dba.execute("select * from progflow.detach_attempt_partitions(%s)", (before,))
        except psycopg.errors.LockNotAvailable:
            pass
        else:
            raise AssertionError("detach_attempt_partitions should give up after lock_timeout (55P03)")
        reader.rollback()
        detached = [row[0] for row in dba.execute("select * from progflow.detach_attempt_partitions(%s)", (before,))]
    assert len(detached) == 1 and detached[0].endswith("_detached")  # the month two back; nothing lost by the wait
