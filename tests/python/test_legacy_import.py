"""`progflow import-legacy`: a messy export from the old system moves in with every row accounted for.

The rules (docs/rules.md, "Moving in from the old system") are tested row by row in
tests/pgtap/progflow/functions/legacy_import_*.sql; these tests drive the command as a DBA
would: CSV files and tables, the report, --dry-run, --strict, a second run, an interrupted run.
"""

from __future__ import annotations

import csv
import json
import threading
import time
from pathlib import Path

import psycopg
import pytest

from conftest import ROOT
from progflow import legacy, seed

ADA = "ffffffff-0000-4000-8000-00000000a0da"  # sorts after every new user: imported last

USERS = [
    ("user_id", "email", "username", "created_at"),
    ("1042", "cyrus@old.example.org", "cyrus", "2023-04-01"),
    ("1043", "dee@old.example.org", "dee_dee", ""),
    ("1044", "not-an-email", "eve_old", ""),              # rejected: bad email
    ("1045", "fay@old.example.org", "fay_old", ""),
    ("1045", "FAY@old.example.org", "fay_old", ""),        # merged: repeats the row above
    ("1046", "ada@example.org", "ada_again", ""),          # rejected: ada's email
]
PROGRESS = [
    ("user_id", "problem_id", "completed_levels", "total_xp"),
    ("1042", "tinyurl", "{1}", "50"),                # } conflict: merged, the most XP, the union
    ("1042", "tinyurl", "{1,2,3,4,5}", "900"),       # }
    ("1042", "pastebin", "{3}", "120"),                    # a gap: levels 1, 2 filled in
    ("1043", "tinyurl", "[1, 2]", "200"),            # JSON array
    ("1043", "no-such-challenge", "{1}", "10"),            # rejected: unknown slug
    ("1044", "tinyurl", "{1}", "10"),                # rejected: its user was rejected
    ("1045", "tinyurl", "{1,2,3}", "300"),
    ("1045", "pastebin", "{0,9}", "-3"),                   # rejected: levels and XP
    ("1045", "pastebin", "", "40"),                        # rejected: no levels
    ("guest-7", "tinyurl", "{1}", "10"),             # rejected: no user maps it
    (ADA, "tinyurl", "{1,2}", "9999"),               # ada has level 1 already: merged
    (ADA, "pastebin", "{}", "0"),                          # nothing to bring: already present
]
INPUT_ROWS = len(USERS) - 1 + len(PROGRESS) - 1


@pytest.fixture
def target(deployed_db):
    """A seeded database where ada plays on the new platform: level 1 of tinyurl passed."""
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        seed.load_and_apply(conn, ROOT / "seed")
        conn.execute("insert into progflow.users (id, email, username) values (%s, 'ada@example.org', 'ada')", (ADA,))
        conn.execute("""select * from progflow.submit_level_attempt(%s, (select id from progflow.challenges
                                                                          where slug = 'tinyurl'),
                                                                      1, '{}', '[]', 90)""", (ADA,))
    return deployed_db


@pytest.fixture
def files(tmp_path):
    def write(name: str, rows: list[tuple]) -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
        return path

    return write("progress.csv", PROGRESS), write("users.csv", USERS)


def import_args(target: str, files, *more: str) -> list[str]:
    progress, users = files
    return ["import-legacy", "--target", target, "--progress", str(progress), "--users", str(users), *more]


def state(uri: str) -> dict:
    """What an import may change: row counts of the tables it writes, the ledger's sum, each learner's progress."""
    with psycopg.connect(uri) as conn:
        q = conn.execute
        return {
            "counts": q("""select (select count(*) from progflow.users), (select count(*) from progflow.xp_transactions),
                                  (select sum(amount) from progflow.xp_transactions),
                                  (select count(*) from progflow.user_achievements),
                                  (select count(*) from progflow.legacy_user_map)""").fetchone(),
            "progress": q("""select user_id, challenge_id, levels_completed, xp_earned from progflow.user_challenge_progress
                              where levels_completed <> '{}' or xp_earned > 0 order by 1, 2""").fetchall(),
        }


def invariant_violations(uri: str) -> list:
    with psycopg.connect(uri) as conn:
        return conn.execute("""
            select s.user_id, 'total_xp' from progflow.user_stats s
             where s.total_xp <> coalesce((select sum(amount) from progflow.xp_transactions x where x.user_id = s.user_id), 0)
                or s.current_level <> progflow.calculate_level_from_xp(s.total_xp)
            union all
            select s.user_id, 'counters' from progflow.user_stats s
             where (s.total_levels_completed, s.total_challenges_completed, s.total_challenges_started) <>
                   (select coalesce(sum(cardinality(p.levels_completed)), 0), count(*) filter (where p.status = 'completed'),
                           count(*) filter (where p.start_date is not null)
                      from progflow.user_challenge_progress p where p.user_id = s.user_id)
            union all
            select p.user_id, 'levels' from progflow.user_challenge_progress p
             where p.levels_completed <> array(select generate_series(1, cardinality(p.levels_completed)))
                or (p.status = 'completed') <> (p.levels_completed = '{1,2,3,4,5}')
            union all
            select t.user_id, 'track' from progflow.user_track_progress t
             where t.challenges_completed <> (select count(*) from progflow.user_challenge_progress p
                                                join progflow.challenges c on c.id = p.challenge_id
                                               where p.user_id = t.user_id and c.track_id = t.track_id and p.status = 'completed')
        """).fetchall()


def report_rows(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_a_messy_export_moves_in_with_every_row_accounted_for(run, target, files, tmp_path):
    report = tmp_path / "report.csv"
    result = run(import_args(target, files, "--report", str(report)), code=1)  # 1: rows were rejected
    assert "rows rejected" in result.stderr
    rows = report_rows(report)
    assert len(rows) == INPUT_ROWS
    outcome = {(r["input"], int(r["row_number"])): r["outcome"] for r in rows}
    assert [outcome["users", n] for n in range(1, 7)] == [
        "imported", "imported", "rejected", "imported", "merged", "rejected"]
    assert [outcome["progress", n] for n in range(1, 13)] == [
        "merged", "merged", "imported", "imported", "rejected", "rejected", "imported", "rejected", "rejected",
        "rejected", "merged", "already_present"]
    assert all(r["reason"] for r in rows if r["outcome"] == "rejected")

    # No learner has less than the old system gave them, on any row that was not rejected.
    with psycopg.connect(target) as conn:
        short = conn.execute("""
            select r.row_number from progflow.legacy_import_progress r
              join progflow.user_challenge_progress p on p.user_id = r.user_id and p.challenge_id = r.challenge_id
             where r.outcome <> 'rejected' and not (r.levels <@ p.levels_completed and r.xp <= p.xp_earned)""").fetchall()
        assert short == []
        assert conn.execute("select count(*) from progflow.legacy_user_map").fetchone()[0] == 3
        ada = conn.execute("""select p.levels_completed, p.xp_earned from progflow.user_challenge_progress p
                               join progflow.challenges c on c.id = p.challenge_id
                              where p.user_id = %s and c.slug = 'tinyurl'""", (ADA,)).fetchone()
        assert ada == ([1, 2], 9999)
    assert invariant_violations(target) == []

    # A second run changes nothing, and says that every row is already there (or still rejected).
    before = state(target)
    again = json.loads(run(import_args(target, files, "--json"), code=1).stdout)
    assert state(target) == before
    assert again["rows"] == INPUT_ROWS and again["finished"]
    assert set(again["counts"]["users"]) == {"already_present", "rejected"}
    assert set(again["counts"]["progress"]) == {"already_present", "rejected"}


def test_a_dry_run_reports_what_would_happen_and_writes_nothing(run, target, files):
    before = state(target)
    result = run(import_args(target, files, "--dry-run"), code=1)
    assert "Dry run" in result.stdout and "no challenge 'no-such-challenge'" in result.stdout
    assert "nothing was written (--dry-run)" in result.stderr
    assert state(target) == before
    with psycopg.connect(target) as conn:
        assert conn.execute("select count(*) from progflow.legacy_imports").fetchone()[0] == 0


def test_strict_imports_nothing_when_a_row_is_rejected(run, target, files, tmp_path):
    before = state(target)
    result = run(import_args(target, files, "--strict", "--json"), code=1)
    assert json.loads(result.stdout)["refused"] and "nothing was imported (--strict)" in result.stderr
    assert state(target) == before
    clean = tmp_path / "clean.csv"
    with clean.open("w", newline="") as f:
        csv.writer(f).writerows([PROGRESS[0], PROGRESS[4]])
    run(["import-legacy", "--target", target, "--progress", str(clean), "--users", str(files[1]), "--strict"],
        code=1)  # the users file still has two bad rows
    run(["import-legacy", "--target", target, "--progress", str(clean), "--strict"], code=1)  # 1043 is unknown
    ok = tmp_path / "ok.csv"
    with ok.open("w", newline="") as f:
        csv.writer(f).writerows([PROGRESS[0], PROGRESS[11]])
    assert "Legacy import" in run(["import-legacy", "--target", target, "--progress", str(ok), "--strict"]).stdout


def test_a_table_in_the_target_imports_as_a_file_does(run, target):
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("create table public.old_progress_table (user_id uuid, problem_id text, completed_levels int[],"
                     " total_xp int)")
        conn.execute("insert into public.old_progress_table values (%s, 'pastebin', '{1,2}', 250)", (ADA,))
    result = run(["import-legacy", "--target", target, "--progress-table", "public.old_progress_table", "--json"])
    assert json.loads(result.stdout)["counts"] == {"progress": {"imported": 1}}


def test_an_interrupted_import_resumes_where_it_stopped_without_paying_twice(run, target, files):
    """The session dies in the middle of a step (its learner is locked by someone else, then the backend is
    terminated): that step rolls back, the steps before it stay, and --resume finishes the import with
    every row accounted for once and the ledger paid once."""
    blocker = psycopg.connect(target)
    blocker.execute("select from progflow.users where id = %s for update", (ADA,))  # ada sorts last: her step waits
    failure: list[BaseException] = []

    def importing():
        try:
            with psycopg.connect(target, autocommit=True, application_name="interrupted import") as conn:
                legacy.run(conn, legacy.Input(files[0], users_file=files[1]), batch=1)
        except BaseException as exc:  # noqa: BLE001 (the test looks at it)
            failure.append(exc)

    thread = threading.Thread(target=importing)
    thread.start()
    with psycopg.connect(target, autocommit=True) as admin:
        for _ in range(600):
            waiting = admin.execute("select pid from pg_stat_activity where application_name = 'interrupted import'"
                                    " and wait_event_type = 'Lock'").fetchone()
            if waiting:
                break
            time.sleep(0.05)
        assert waiting, "the import never reached ada's lock"
        done_before = admin.execute("select count(*) from progflow.legacy_import_progress"
                                    " where outcome is not null and outcome <> 'rejected'").fetchone()[0]
        admin.execute("select pg_terminate_backend(%s)", waiting)
    thread.join(60)
    blocker.rollback()
    blocker.close()
    assert failure and isinstance(failure[0], psycopg.OperationalError)
    assert done_before > 0, "the steps before the interrupted one should have committed"

    second = run(import_args(target, files), code=2)
    assert "has not finished" in second.stderr and "--resume" in second.stderr
    result = run(["import-legacy", "--target", target, "--resume", "--json"], code=1)
    assert json.loads(result.stdout)["finished"] and json.loads(result.stdout)["rows"] == INPUT_ROWS
    with psycopg.connect(target) as conn:
        assert conn.execute("select count(*) from progflow.legacy_import_progress where outcome is null").fetchone()[0] == 0
        assert conn.execute("""select count(*) from (select user_id, source_id from progflow.xp_transactions
                                where source_type = 'legacy' group by 1, 2 having count(*) > 1) d""").fetchone()[0] == 0
        ada = conn.execute("""select p.levels_completed, p.xp_earned from progflow.user_challenge_progress p
                               join progflow.challenges c on c.id = p.challenge_id
                              where p.user_id = %s and c.slug = 'tinyurl'""", (ADA,)).fetchone()
        assert ada == ([1, 2], 9999)
    assert invariant_violations(target) == []
    assert "no unfinished legacy import" in run(["import-legacy", "--target", target, "--resume"], code=2).stderr


@pytest.mark.parametrize("content, message", [
    ("user_id,problem_id,levels,total_xp\n", "missing: completed_levels"),
    ("user_id,problem_id,completed_levels,total_xp,extra\n", "not read: extra"),
    ("user_id,problem_id,completed_levels,total_xp\n1042,tinyurl,{1},10,surplus\n", "line 2"),
    ("user_id,problem_id,completed_levels,total_xp\n1042,tinyurl,\"{1\n", "line"),
    (b"user_id,problem_id,completed_levels,total_xp\n1042,tinyurl,{1},10\n10\xe9,tinyurl,{1},10\n", "line 3"),
])
def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_imported(run, deployed_db, tmp_path, content, message):
    target = deployed_db  # the file is refused before any row is read: no catalogue needed
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))  # bytes: not UTF-8
    before = state(target)
    result = run(["import-legacy", "--target", target, "--progress", str(bad)], code=2)
    assert message in result.stderr and "hint:" in result.stderr
    assert state(target) == before


@pytest.mark.parametrize("args, message", [
    ([], "give the progress input once"),
    (["--progress-table", "public.nowhere"], "does not exist"),
    (["--resume", "--progress-table", "public.x"], "give no input with it"),
    (["--resume", "--dry-run"], "--dry-run and --resume"),
    (["--resume", "--strict"], "--strict and --resume"),
])
def test_bad_usage_exits_2_with_a_hint(run, deployed_db, args, message):
    target = deployed_db
    result = run(["import-legacy", "--target", target, *args], code=2)
    assert message in result.stderr


def test_sign_ups_keep_reading_by_index_as_the_progress_table_grows(deployed_db):
    """unlock_challenges (every sign-up, every level-up) is planned for each call. Its plan used to be
    cached per session: made while user_challenge_progress was small (a new platform, the first users
    of an import), it read the whole table for every later sign-up of that session, 10 ms at 2,000
    users and 30 ms at 4,000, until an ANALYZE happened to replan it."""
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        seed.load_and_apply(conn, ROOT / "seed")
        conn.execute("analyze progflow.user_challenge_progress")  # as a new platform's stats say: empty
        plans: list[str] = []
        conn.add_notice_handler(lambda d: plans.append(d.message_primary or ""))
        for n in range(8):  # enough calls for a session to settle on a cached plan, while the table is small
            conn.execute("insert into progflow.users (email, username) values (%s, %s)", (f"u{n}@x.org", f"user{n}"))
        conn.execute("insert into progflow.users (email, username)"
                     " select 'v' || n || '@x.org', 'bulk' || n from generate_series(1, 400) n")
        conn.execute("load 'auto_explain'")
        conn.execute("set auto_explain.log_min_duration = 0")
        conn.execute("set auto_explain.log_nested_statements = on")
        conn.execute("set auto_explain.log_level = notice")
        conn.execute("set client_min_messages = notice")
        conn.execute("insert into progflow.users (email, username) values ('last@x.org', 'last_one')")
    candidates = [p for p in plans if "candidates" in p]
    assert candidates, plans
    assert all("Seq Scan on user_challenge_progress" not in p for p in candidates), candidates[0]
