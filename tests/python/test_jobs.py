"""The job schedule and its runners, on servers whose clock the tests move (docs/operations.md).

Each test starts on a database deployed from the plan, with the course catalogue, on a server
started under libfaketime (the `clock_db` fixture): `clock.set(t)` makes now() read t, and the
clock ticks on from there. So a runner can be down for days, a week can pass in a test, and a
daily challenge can be attempted on its date in each zone.
"""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import sys
import threading
import time

import psycopg
import pytest

from conftest import ROOT
from progflow import jobs, seed

UTC = dt.UTC
JOBS = {"attempt-retention", "board-all-time", "board-daily", "board-monthly", "board-weekly",
        "daily-challenge-close", "daily-challenge-pick", "partitions"}


def day(offset: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    """A UTC instant `offset` days after tomorrow: always ahead of the real clock the database was deployed at."""
    tomorrow = dt.datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)
    return tomorrow + dt.timedelta(days=offset, hours=hour, minutes=minute)


class Game:
    """A superuser session on the database, with the course loaded and a few shortcuts."""

    def __init__(self, uri: str):
        self.uri = uri
        self.conn = psycopg.connect(uri, autocommit=True)
        seed.load_and_apply(self.conn, ROOT / "seed")

    def value(self, query: str, *args):
        return self.conn.execute(query, args).fetchone()[0]

    def rows(self, query: str, *args) -> list[tuple]:
        return self.conn.execute(query, args).fetchall()

    def user(self, name: str, timezone: str) -> str:
        return str(self.value("select tests.create_user(%s, %s)", name, timezone))

    def practise(self, user: str) -> None:
        """A level attempt (the first open level of the user's first open challenge): an activity day."""
        challenge = self.value("select c.id from progflow.user_challenge_progress p"
                               " join progflow.challenges c on c.id = p.challenge_id"
                               " where p.user_id = %s order by c.slug limit 1", user)
        self.conn.execute("select progflow.submit_level_attempt(%s, %s, 1, '{}', '[]', 90, 5)", (user, challenge))

    def today(self, user: str) -> dt.date:
        return self.value("select (now() at time zone coalesce(u.preferences ->> 'timezone', 'UTC'))::date"
                          " from progflow.users u where u.id = %s", user)

    def play_daily(self, user: str, score: int) -> int:
        return self.value("select progflow.submit_daily_challenge_attempt(%s, %s, %s)", user, self.today(user), score)

    def runs(self, job: str) -> list[tuple]:
        return self.rows("select outcome, result, error_code from progflow.job_runs where job_name = %s order by id",
                         job)

    def close(self) -> None:
        self.conn.close()


@pytest.fixture
def game(clock_db):
    uri, clock = clock_db
    game = Game(uri)
    game.clock = clock
    yield game
    game.close()


def run_once(run, game: Game, *more: str, code: int = 0) -> dict[str, dict]:
    """`progflow jobs run --once --json`: the runs, by job name."""
    result = run(["jobs", "run", "--once", "--json", "--target", game.uri, *more], code=code)
    return {r["job_name"]: r for r in json.loads(result.stdout[:result.stdout.rindex("]") + 1])}


def status(run, game: Game, *more: str, code: int = 0) -> dict[str, dict]:
    result = run(["jobs", "status", "--json", "--target", game.uri, *more], code=code)
    return {s["name"]: s for s in json.loads(result.stdout[:result.stdout.rindex("]") + 1])}


def test_one_run_leaves_the_game_ready_and_then_each_job_runs_on_its_schedule(game, run):
    game.clock.set(day(1, 8, 0) + dt.timedelta(seconds=30))
    kiri, ana = game.user("kiri", "Pacific/Kiritimati"), game.user("ana", "UTC")
    game.practise(kiri)
    game.practise(ana)

    first = run_once(run, game)

    assert set(first) == JOBS and {r["outcome"] for r in first.values()} == {"succeeded"}
    # every date that is today somewhere (UTC−12 … UTC+14) and tomorrow where it comes first
    assert game.value("select array_agg(date order by date) from progflow.daily_challenges") == [
        day(0).date(), day(1).date(), day(2).date()]
    for period in ("daily", "weekly", "monthly", "all_time"):
        assert game.value("select count(*) from progflow.leaderboard_entries"
                          " where period_type = %s and metric_type = 'xp'", period) == 2, period
    assert game.value("select count(*) from progflow.user_dashboard where rank_percentile is not null") == 2
    month = day(1).date().replace(day=1)
    for ahead in range(4):
        name = f"level_attempts_p{month.year + (month.month + ahead - 1) // 12}_{(month.month + ahead - 1) % 12 + 1:02d}"
        assert game.value("select to_regclass(%s) is not null", f"progflow.{name}"), name
    states = status(run, game, "--exit-code")
    assert {s["state"] for s in states.values()} == {"ok"}

    # nothing is due again until its schedule says so
    assert "No job is due" in run(["jobs", "run", "--once", "--target", game.uri]).stdout
    game.clock.set(day(1, 8, 5) + dt.timedelta(seconds=30))
    assert set(run_once(run, game)) == {"board-daily", "daily-challenge-pick"}
    game.clock.set(day(2, 3, 25))
    assert set(run_once(run, game)) == JOBS - {"attempt-retention"}  # 03:40 has not come yet
    assert status(run, game)["attempt-retention"]["next_due"].startswith(f"{day(2).date()}T03:40:00")


def test_a_failing_job_is_logged_retried_and_never_stops_the_others(game, run):
    game.clock.set(day(1, 9, 1))
    game.conn.execute("update progflow.jobs set call = 'select progflow.set_daily_challenge(null)'"
                      " where name = 'daily-challenge-pick'")

    result = run(["jobs", "run", "--once", "--target", game.uri], code=1)

    assert "daily-challenge-pick failed" in result.stdout and "date must not be NULL" in result.stdout
    assert "1 jobs failed: daily-challenge-pick" in result.stderr
    assert game.runs("daily-challenge-pick") == [("failed", None, "22023")]
    assert all(game.runs(name) == [("succeeded", "0", None)] for name in JOBS - {"daily-challenge-pick"}
               if name not in ("partitions",))
    states = status(run, game, "--exit-code", code=1)
    assert states["daily-challenge-pick"]["state"] == "failing"
    assert states["daily-challenge-pick"]["failures"] == 1
    assert "HINT: Pass the calendar date" in states["daily-challenge-pick"]["last_error"]
    assert {s["state"] for name, s in states.items() if name != "daily-challenge-pick"} == {"ok"}

    game.clock.set(day(1, 10, 1))  # still broken at its next time: a second failure
    assert run_once(run, game, code=1)["daily-challenge-pick"]["outcome"] == "failed"
    assert status(run, game)["daily-challenge-pick"]["failures"] == 2

    game.conn.execute("update progflow.jobs set call = 'select progflow.pick_daily_challenges()'"
                      " where name = 'daily-challenge-pick'")
    game.clock.set(day(1, 11, 1))
    assert run_once(run, game)["daily-challenge-pick"]["result"] == "4"
    picked = status(run, game, "--exit-code")["daily-challenge-pick"]
    assert (picked["state"], picked["failures"], picked["last_error"]) == ("ok", 0, None)


def test_status_says_when_a_job_is_overdue_or_its_schedule_unreadable(game, run):
    game.clock.set(day(1, 9, 1))
    states = status(run, game)
    assert {s["state"] for s in states.values()} == {"overdue"}  # deployed long before, never run
    run_once(run, game)
    game.clock.set(day(1, 9, 14))
    states = status(run, game)
    assert states["board-daily"]["state"] == "ok"  # due 09:05: within 10 minutes' grace
    assert states["board-all-time"]["state"] == "ok"  # due 09:10
    game.clock.set(day(1, 9, 16))
    states = status(run, game, "--exit-code", code=1)
    assert states["board-daily"]["state"] == "overdue" and states["board-daily"]["problem"]
    assert states["partitions"]["state"] == "ok"  # next due tomorrow at 03:20
    status(run, game, "--exit-code", "--grace", "60")

    game.conn.execute("update progflow.jobs set schedule = '61 * * * *', enabled = false where name = 'board-weekly'")
    assert status(run, game, "--grace", "60")["board-weekly"]["state"] == "disabled"
    game.conn.execute("update progflow.jobs set enabled = true where name = 'board-weekly'")
    states = status(run, game, "--exit-code", "--grace", "60", code=1)
    assert states["board-weekly"]["state"] == "invalid schedule"
    assert "board-weekly" not in run_once(run, game)


def test_one_job_never_runs_twice_at_once(game, run):
    game.clock.set(day(1, 9, 1))
    blocker = psycopg.connect(game.uri)
    blocker.execute("lock table progflow.leaderboard_entries in access exclusive mode")
    first: list[dict] = []

    def run_first():
        with jobs.connect(game.uri) as conn:
            first.append(jobs.run_job(conn, "board-all-time"))

    runner = threading.Thread(target=run_first)
    runner.start()
    try:
        deadline = time.monotonic() + 30
        while not status(run, game)["board-all-time"]["running"]:
            assert time.monotonic() < deadline, "the first run never took the job's lock"
            time.sleep(0.1)
        with jobs.connect(game.uri) as other:
            second = jobs.run_job(other, "board-all-time")
        assert (second["outcome"], second["result"]) == ("skipped", "another runner is running it")
        assert status(run, game)["board-all-time"]["state"] == "running"
    finally:
        blocker.rollback()
        blocker.close()
        runner.join(30)
    assert first[0]["outcome"] == "succeeded"


def test_runners_started_together_run_each_job_once(game, run):
    game.clock.set(day(1, 9, 1))
    barrier = threading.Barrier(3)
    results: list[list[dict]] = []

    def runner():
        with jobs.connect(game.uri) as conn:
            barrier.wait()
            results.append(jobs.run_due(conn))

    threads = [threading.Thread(target=runner) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert len(results) == 3
    for name in JOBS:
        runs = game.rows("select outcome, started_at, finished_at from progflow.job_runs where job_name = %s", name)
        done = [r for r in runs if r[0] != "skipped"]
        assert len(done) == 1 and done[0][0] == "succeeded", (name, runs)
        assert len(runs) <= 3


def test_a_runner_down_for_days_catches_up_each_day_once(game, run):
    game.clock.set(day(0, 13, 0))  # D = day(0): today in UTC and Honolulu, D + 1 in Kiritimati
    kiri, ana, hono = game.user("kiri", "Pacific/Kiritimati"), game.user("ana", "UTC"), game.user("hono", "Pacific/Honolulu")
    run_once(run, game)
    assert game.play_daily(ana, 90) > 0 and game.play_daily(hono, 70) > 0 and game.play_daily(kiri, 50) > 0

    game.clock.set(day(4, 13, 0))  # nothing ran for four days
    caught_up = run_once(run, game)

    assert caught_up["daily-challenge-close"]["result"] == "3"  # D, D + 1 (played) and D + 2 (picked ahead)
    assert game.rows("select date, closed_at is not null, participants_count from progflow.daily_challenges"
                     " where date <= %s order by date", day(3).date()) == [
        (day(0).date(), True, 2), (day(1).date(), True, 1), (day(2).date(), True, 0)]
    bonus = game.rows("select user_id::text, count(*) from progflow.xp_transactions"
                      " where source_type = 'daily' and description like 'Rank %%' group by user_id order by 1")
    assert sorted(bonus) == sorted([(ana, 1), (hono, 1), (kiri, 1)])
    # the day's board was finished after the day: the attempts made after the last refresh are on it
    assert game.value("select count(*) from progflow.leaderboard_entries"
                      " where period_type = 'daily' and period_date = %s and metric_type = 'xp'", day(0).date()) == 3

    game.clock.set(day(4, 14, 11))
    again = run_once(run, game)
    assert again["daily-challenge-close"]["result"] == "0"
    assert game.value("select count(*) from progflow.xp_transactions"
                      " where source_type = 'daily' and description like 'Rank %%'") == 3


ZONES = {"kiri": "Pacific/Kiritimati", "berlin": "Europe/Berlin", "ana": "UTC", "nyc": "America/New_York",
         "hono": "Pacific/Honolulu", "baker": "Etc/GMT+12"}


def test_a_week_of_daily_challenges_across_zones(game, run):
    """Every six hours for a week: the runner runs, then each player plays their local date's challenge."""
    users = {name: game.user(name, zone) for name, zone in ZONES.items()}
    played: dict[tuple[str, dt.date], int] = {}
    for step in range(4 * 8):
        now = day(0, 0, 30) + dt.timedelta(hours=6 * step)
        game.clock.set(now)
        run_once(run, game)
        ended = {d for (d,) in game.rows("select date from progflow.daily_challenges")
                 if now >= dt.datetime.combine(d + dt.timedelta(days=1), dt.time(12), UTC)}
        closed = {d for (d,) in game.rows("select date from progflow.daily_challenges where closed_at is not null")}
        assert closed == ended, now  # closed once its date has ended in every zone, not before
        if step >= 4 * 7:
            continue
        for number, (name, user) in enumerate(users.items()):
            today = game.today(user)
            if (name, today) not in played:
                played[name, today] = game.play_daily(user, 40 + 10 * number)

    game.clock.set(day(9, 12, 30))
    run_once(run, game)
    attempts = game.rows("select d.date, a.user_id::text, a.rank from progflow.daily_challenge_attempts a"
                         " join progflow.daily_challenges d on d.id = a.daily_challenge_id")
    assert len(attempts) == len(played) >= 6 * 7
    assert all(rank is not None for _, _, rank in attempts)
    assert game.value("select count(*) from progflow.daily_challenges where closed_at is null and date < %s",
                      day(8).date()) == 0
    bonuses = game.rows("select user_id::text, description from progflow.xp_transactions"
                        " where source_type = 'daily' and description like 'Rank %%'")
    assert len(bonuses) == len(set(bonuses)) == len(attempts)  # one bonus per attempt, paid once
    for user in users.values():
        assert game.rows("select * from tests.invariant_violations(%s)", user) == []


def test_pg_cron_runs_the_same_schedule(game, run, pg):
    """On Debian's PostgreSQL 15 the harness loads pg_cron; elsewhere `jobs install` says what is missing."""
    if pg.name != "pg15":
        result = run(["jobs", "install", "--target", game.uri], code=2)
        assert "pg_cron is not loaded on this server" in result.stderr and "jobs run --loop" in result.stderr
        return
    database = game.value("select current_database()")
    assert game.value("select current_setting('cron.database_name', true)") == "postgres", \
        "the test server should load pg_cron (apt-get install postgresql-15-cron)"
    game.conn.execute("update progflow.jobs set enabled = false where name = 'attempt-retention'")

    result = run(["jobs", "install", "--target", game.uri])

    assert "pg_cron runs 7 jobs" in result.stdout
    with psycopg.connect(game.uri.replace(f"/{database}", "/postgres"), autocommit=True) as cron:
        def installed():
            return {name: (schedule, command, db) for name, schedule, command, db in cron.execute(
                "select jobname, schedule, command, database from cron.job where jobname like %s",
                (f"progflow:{database}:%",)).fetchall()}

        assert installed() == {f"progflow:{database}:{name}": (schedule, f"select progflow.run_job('{name}')", database)
                               for name, schedule in game.rows("select name, schedule from progflow.jobs where enabled")}
        assert set(run(["jobs", "install", "--target", game.uri]).stdout.split("\n")[:7]) == {
            f"{name}: unchanged" for name in sorted(JOBS - {"attempt-retention"})}

        game.conn.execute("update progflow.jobs set schedule = '* * * * *' where name = 'board-daily'")
        game.conn.execute("update progflow.jobs set enabled = false where name = 'board-weekly'")
        result = run(["jobs", "install", "--target", game.uri])
        assert "board-daily: updated" in result.stdout and "board-weekly: unscheduled" in result.stdout
        assert installed()[f"progflow:{database}:board-daily"][0] == "* * * * *"
        assert f"progflow:{database}:board-weekly" not in installed()

        # pg_cron runs board-daily at the next minute; move the clock to just before it
        game.clock.set(day(1, 9, 0) - dt.timedelta(seconds=3))
        deadline = time.monotonic() + 90
        while not game.rows("select runner from progflow.job_runs where job_name = 'board-daily'"):
            assert time.monotonic() < deadline, "pg_cron did not run board-daily"
            time.sleep(0.5)
        assert game.rows("select outcome, runner, db_role from progflow.job_runs where job_name = 'board-daily'") == [
            ("succeeded", "pg_cron", "postgres")]

        assert "Unscheduled 6 jobs" in run(["jobs", "uninstall", "--target", game.uri]).stdout
        assert installed() == {}


def test_a_database_deployed_long_ago_still_verifies(game, run):
    """Verify scripts check what a change made, never what the date should have made by now."""
    game.clock.set(day(400, 12))
    result = run(["verify", "--target", game.uri])
    assert ", 0 failed" in result.stdout
    run_once(run, game)
    assert "0 failed" in run(["verify", "--target", game.uri]).stdout


def test_the_loop_runs_what_is_due_and_stops_cleanly_on_sigterm(game):
    game.clock.set(day(1, 9, 1))
    loop = subprocess.Popen([sys.executable, "-m", "progflow.cli", "jobs", "run", "--loop", "--target", game.uri],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while game.value("select count(distinct job_name) from progflow.job_runs") < len(JOBS):
            assert loop.poll() is None and time.monotonic() < deadline, "the loop did not run every job"
            time.sleep(0.2)
        loop.send_signal(signal.SIGTERM)
        out, err = loop.communicate(timeout=30)
    finally:
        loop.kill()
    assert loop.returncode == 0, err
    assert "board-daily succeeded" in out and out.rstrip().endswith("Stopped")
    assert game.value("select count(*) from progflow.job_runs where outcome <> 'succeeded'") == 0
