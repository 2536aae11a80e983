"""The engine against a backend that tries to cheat it, jam a user or break a number.

Each test plays the client a buggy or compromised backend could be: it acts as `progflow_app` (a
member of it, with an acting user set, as docs/security.md says a backend connects), sends what
such a client could send, and checks that no rule of docs/rules.md moved. Where the pooler matters
(settings and time zones set per transaction) the same attack also goes through PgBouncer.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from decimal import Decimal

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg.types.json import Jsonb

from conftest import ROOT
from progflow import engine, project

CHALLENGE = "00000000-0000-0000-0000-0000000000c1"  # challenge "a" of tests.load_catalogue(), level 1 open
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
DAY = dt.timedelta(days=1)


def as_app(conn: psycopg.Connection, user: str | None) -> None:
    """The rest of the transaction runs as progflow_app, acting for `user`."""
    conn.execute("select set_config('role', 'progflow_app', true), set_config('progflow.user_id', %s, true)",
                 (user or "",))


def new_user(conn: psycopg.Connection, timezone: str | None = None) -> str:
    name = f"u{uuid.uuid4().hex[:12]}"
    return str(conn.execute("select tests.create_user(%s, %s)", (name, timezone)).fetchone()[0])


def submit(conn: psycopg.Connection, user: str, score=10, minutes=1, key=None, snapshot="{}"):
    """submit_level_attempt on level 1 of challenge "a"; the snapshot as JSON text, its digits as written."""
    return conn.execute(
        "select passed, xp_earned from progflow.submit_level_attempt(%s, %s, 1, %s::jsonb, '[]', %s, %s, %s)",
        (user, CHALLENGE, snapshot, score, minutes, key)).fetchone()


@pytest.fixture
def game(deployed_db):
    """A deployed clone with the test catalogue, as the owner (the test superuser)."""
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute("select tests.load_catalogue()")
        yield conn


# -- 1. rules come only from what the owner set --------------------------------------------------

def test_the_engine_reads_no_setting_but_the_acting_user(game):
    """Every progflow.* setting any function, view or policy reads: only who acts, never a rule; and
    progflow.xp_writer, the engine's mark on its own ledger rows, which the ledger's guard reads to
    refuse the owner's rows written by hand. It opens nothing to a role that sets it (below)."""
    read = game.execute(r"""
        select distinct m[1] from (
          select prosrc as body from pg_proc where pronamespace = 'progflow'::regnamespace
          union all select definition from pg_views where schemaname = 'progflow'
          union all select coalesce(qual, '') || coalesce(with_check, '') from pg_policies where schemaname = 'progflow'
        ) s cross join lateral regexp_matches(s.body, 'current_setting\(\s*''(progflow\.[a-z_]+)''', 'g') m
         order by 1""").fetchall()
    assert [r[0] for r in read] == ["progflow.user_id", "progflow.xp_writer"]


@pytest.mark.parametrize("role", ["progflow_app", "progflow_service"])
def test_the_ledger_writers_mark_opens_the_ledger_to_no_role(game, role):
    user = new_user(game)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), game.transaction():
        game.execute("select set_config('role', %s, true), set_config('progflow.user_id', %s, true),"
                     " set_config('progflow.xp_writer', 'add_xp', true)", (role, user))
        game.execute("insert into progflow.xp_transactions (user_id, amount, source_type) values (%s, 500, 'admin')",
                     (user,))
    assert game.execute("select count(*) from progflow.xp_transactions where user_id = %s", (user,)).fetchone()[0] == 0


@HYPOTHESIS
@given(name=st.sampled_from(["progflow.max_submissions_per_minute", "progflow.rate_limit", "progflow.xp_multiplier",
                             "progflow.streak_days", "progflow.timezone"]),
       value=st.sampled_from(["999999999", "0", "-1", "1e9", "abc", "", "100000"]),
       scope=st.sampled_from(["transaction", "session"]))
def test_no_setting_the_app_sets_lifts_the_rate_limit(game, name, value, scope):
    game.execute("update progflow.game_settings set max_submissions_per_minute = 3")
    user = new_user(game)
    outcomes = []
    with game.transaction():
        as_app(game, user)
        game.execute("select set_config(%s, %s, %s)", (name, value, scope == "transaction"))
        for _ in range(4):
            try:
                with game.transaction():
                    submit(game, user)
                outcomes.append("ok")
            except psycopg.Error as exc:
                outcomes.append(exc.sqlstate)
    game.execute("reset all")
    assert outcomes == ["ok", "ok", "ok", "PF003"]


def test_the_rate_limit_holds_through_the_pooler_whatever_the_login_role_sets(game, pooler):
    dbname = game.info.dbname
    role = f"t_app_{uuid.uuid4().hex[:8]}"
    game.execute(f"create role {role} login in role progflow_app")
    try:
        # A login role may set its own defaults: an older version would have read this one.
        game.execute(f"alter role {role} set progflow.max_submissions_per_minute = 999999")
        game.execute("update progflow.game_settings set max_submissions_per_minute = 3")
        user = new_user(game)
        outcomes = []
        with psycopg.connect(pooler(dbname, role), autocommit=True, prepare_threshold=None) as app:
            for _ in range(5):
                try:
                    with app.transaction():
                        app.execute("select set_config('progflow.user_id', %s, true), "
                                    "set_config('progflow.max_submissions_per_minute', '999999', true)", (user,))
                        submit(app, user)
                    outcomes.append("ok")
                except psycopg.Error as exc:
                    outcomes.append(exc.sqlstate)
        assert outcomes == ["ok", "ok", "ok", "PF003", "PF003"]
    finally:
        game.execute(f"drop role {role}")


# -- 2. time zones and streaks -------------------------------------------------------------------

IANA_SAMPLE = ["UTC", "Etc/GMT+12", "Pacific/Pago_Pago", "Pacific/Honolulu", "America/New_York", "Europe/Berlin",
               "Asia/Kolkata", "Asia/Kathmandu", "Asia/Tokyo", "Australia/Lord_Howe", "Pacific/Auckland",
               "Pacific/Chatham", "Pacific/Tongatapu", "Pacific/Kiritimati", "Etc/GMT-14"]


@HYPOTHESIS
@given(zone=st.one_of(
    st.builds(lambda sign, hours: f"UTC{sign}{hours}", st.sampled_from("+-"), st.integers(0, 167)),
    st.builds(lambda hours: f"<+{hours:02d}>-{hours}", st.integers(15, 99)),
    st.sampled_from(["PST", "EST5", "XYZ+3", "utc+14", "europe/berlin", "Mars/Olympus", " UTC", "UTC ", "5"])))
def test_the_app_can_set_no_zone_but_an_iana_name(game, zone):
    user = new_user(game)
    with pytest.raises(psycopg.errors.CheckViolation, match="not an IANA time zone name"):
        with game.transaction():
            as_app(game, user)
            game.execute("update progflow.users set preferences = jsonb_build_object('timezone', %s::text) "
                         "where id = %s", (zone, user))


def test_every_iana_name_is_accepted(game):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        for zone in IANA_SAMPLE:
            game.execute("update progflow.users set preferences = jsonb_build_object('timezone', %s::text) "
                         "where id = %s", (zone, user))


def attempt_at(conn: psycopg.Connection, user: str, at: dt.datetime, zone: str) -> tuple[int, dt.datetime]:
    """One attempt's effect on the streak at a chosen instant, through the engine's own rule."""
    return conn.execute("""
        update progflow.user_stats s
           set current_streak_days = n.current_streak_days, last_activity_date = n.last_activity_date,
               longest_streak_days = greatest(s.longest_streak_days, n.current_streak_days),
               streak_started_at = n.streak_started_at
          from progflow.user_stats o cross join lateral progflow.streak_after(o, %s, %s) n
         where o.user_id = %s and s.user_id = o.user_id
        returning s.current_streak_days, s.streak_started_at""", (at, zone, user)).fetchone()


@HYPOTHESIS
@given(steps=st.lists(st.tuples(st.sampled_from(IANA_SAMPLE), st.integers(0, 30 * 60)), min_size=1, max_size=40))
def test_no_sequence_of_zones_grows_a_streak_faster_than_real_time(game, steps):
    """docs/rules.md, Streaks: a streak of n days needs n - 2 whole days since its first attempt."""
    user = new_user(game)
    at = start = dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc)
    times, previous = [], 0
    for zone, minutes in steps:
        at += dt.timedelta(minutes=minutes)
        times.append(at)
        streak, started = attempt_at(game, user, at, zone)
        # Independent of the engine's bookkeeping: never more days than real time since the very first attempt.
        assert streak <= 2 + (at - start) // DAY
        # The streak's start is one of our attempts, and the bound holds from it.
        assert started in times and streak <= 2 + (at - started) // DAY
        assert streak <= previous + 1
        previous = streak


@HYPOTHESIS
@given(zone=st.sampled_from(["UTC", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Kiritimati", "Etc/GMT+12"]),
       gaps=st.lists(st.integers(1, 40 * 60), min_size=1, max_size=30))
def test_an_honest_user_in_one_zone_keeps_every_day(game, zone, gaps):
    """Zones without daylight saving: the streak is exactly the run of consecutive local days."""
    user = new_user(game)
    at = dt.datetime(2026, 3, 1, 23, 59, tzinfo=dt.timezone.utc)
    tz = game.execute("select now() at time zone %s - now() at time zone 'UTC'", (zone,)).fetchone()[0]
    days: list[dt.date] = []
    for minutes in gaps:
        at += dt.timedelta(minutes=minutes)
        day = (at + tz).date()
        days.append(day)
        expected = 1
        for earlier, later in zip(reversed(sorted(set(days))[:-1]), reversed(sorted(set(days)))):
            if later - earlier != dt.timedelta(days=1):
                break
            expected += 1
        assert attempt_at(game, user, at, zone)[0] == expected


@pytest.mark.parametrize("through_pooler", [False, True], ids=["direct", "pooler"])
def test_fourteen_zones_in_one_transaction_do_not_make_a_fourteen_day_streak(game, pooler, through_pooler):
    user = new_user(game)
    uri = pooler(game.info.dbname) if through_pooler else f"postgresql://{game.info.user}@{game.info.host}:{game.info.port}/{game.info.dbname}"
    with psycopg.connect(uri, autocommit=True, prepare_threshold=None) as app:
        with app.transaction():
            as_app(app, user)
            for zone in IANA_SAMPLE[:14]:
                app.execute("update progflow.users set preferences = jsonb_build_object('timezone', %s::text) "
                            "where id = %s", (zone, user))
                submit(app, user, score=10)
            passed, xp = submit(app, user, score=100)
            streak = app.execute("select current_streak_days from progflow.user_stats where user_id = %s",
                                 (user,)).fetchone()[0]
    assert streak <= 2
    assert passed and xp == 82  # floor(100 × 1.5 × 0.5 (14 failures before) × 1.1 (a streak of 1–3 days))


# -- 3. what a learner must earn -----------------------------------------------------------------

HIDDEN = {"challenge_levels": {"hints", "solution_approach"}, "assessment_questions": {"answer"}}


@HYPOTHESIS
@given(role=st.sampled_from(["progflow_readonly", "progflow_app", "progflow_service"]),
       table=st.sampled_from(sorted(HIDDEN)), data=st.data())
def test_no_role_reads_hints_solutions_or_answers(game, role, table, data):
    columns = [r[0] for r in game.execute(
        "select attname from pg_attribute where attrelid = %s::regclass and attnum > 0 and not attisdropped",
        (f"progflow.{table}",))]
    chosen = data.draw(st.lists(st.sampled_from(columns), min_size=1, max_size=4, unique=True))
    user = new_user(game)
    try:
        with game.transaction():
            game.execute("select set_config('role', %s, true), set_config('progflow.user_id', %s, true)", (role, user))
            game.execute(f"select {', '.join(chosen)} from progflow.{table}")
        refused = False
    except psycopg.errors.InsufficientPrivilege:
        refused = True
    assert refused == bool(set(chosen) & HIDDEN[table])


def test_the_challenge_page_shows_how_many_hints_not_which(game):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        levels = game.execute("select levels from progflow.challenge_page where id = %s", (CHALLENGE,)).fetchone()[0]
    assert levels[0]["hint_count"] == 7
    assert not {"hints", "solution_approach"} & set().union(*(level.keys() for level in levels))


QUESTIONS = [("q-one", "Caching", 1), ("q-two", "Caching", 0), ("q-three", "Sharding", 2)]


@pytest.fixture
def assessment(game):
    for position, (slug, topic, answer) in enumerate(QUESTIONS, 1):
        game.execute("insert into progflow.assessment_questions (slug, position, topic, difficulty, question, options,"
                     " answer) values (%s, %s, %s, 'beginner', 'Which?', '[\"a\", \"b\", \"c\"]', %s)",
                     (slug, position, topic, answer))
    return game


@pytest.mark.parametrize("questions, responses, why", [
    ([{"id": "q-one", "topic": "x", "options": ["a"], "answer": 0}], [0], "not a question id"),
    (["made-up", "q-one", "q-two", "q-three"], [0, 1, 0, 2], "not an active question"),
    (["q-one"], [1], "without question"),
    (["q-one", "q-one", "q-two", "q-three"], [1, 1, 0, 2], "more than once"),
    (["q-one", "q-two", "q-three"], [1, 0, 3], "neither the index"),
    (["q-one", "q-two", "q-three"], [1, 0, -1], "neither the index"),
    (["q-one", "q-two", "q-three"], [1, 0, 1.5], "neither the index"),
    (["q-one", "q-two", "q-three"], [1, 0], "one entry per question"),
], ids=["answer-key-sent", "made-up", "partial", "repeated", "out-of-range", "negative", "fraction", "short"])
def test_the_assessment_scores_nothing_the_caller_sends_as_a_key(assessment, questions, responses, why):
    user = new_user(assessment)
    with pytest.raises(psycopg.errors.InvalidParameterValue, match=why):
        with assessment.transaction():
            as_app(assessment, user)
            assessment.execute("select progflow.record_assessment(%s, 'initial', %s, %s)",
                               (user, Jsonb(questions), Jsonb(responses)))
    assert assessment.execute("select onboarding_completed, (select count(*) from progflow.assessment_results) "
                              "from progflow.users where id = %s", (user,)).fetchone() == (False, 0)


def test_the_assessment_is_scored_against_the_stored_key(assessment):
    user = new_user(assessment)
    with assessment.transaction():
        as_app(assessment, user)
        shown = assessment.execute("select progflow.assessment_questions_for('initial')").fetchone()[0]
        assert [q["id"] for q in shown] == ["q-one", "q-two", "q-three"] and all("answer" not in q for q in shown)
        # Listed in another order: two right (q-three, q-one), one wrong, one skipped would be wrong too.
        assessment.execute("select progflow.record_assessment(%s, 'initial', %s, %s)",
                           (user, Jsonb(["q-three", "q-two", "q-one"]), Jsonb([2, 2, 1])))
        score, level = assessment.execute("select score, skill_level_recommendation from progflow.assessment_results "
                                          "where user_id = %s", (user,)).fetchone()
    assert (score, level) == (Decimal("66.67"), "intermediate")


# -- 4. one lock order: no deadlock --------------------------------------------------------------

ROUNDS = 100


def race(uri: str, rounds: int, first, second, prepare=None) -> tuple[list[str], list[str]]:
    """`first` and `second` (each given a connection and the round's user) start together each round;
    `prepare` sets up each round's user beforehand, as the owner."""
    with psycopg.connect(uri, autocommit=True) as conn:
        users = [new_user(conn) for _ in range(rounds)]
        for user in users if prepare else ():
            prepare(conn, user)
    outcomes: list[list[str]] = [[], []]
    barrier = threading.Barrier(2)

    def play(which: int, step) -> None:
        with psycopg.connect(uri, autocommit=True) as conn:
            for user in users:
                barrier.wait()
                try:
                    with conn.transaction():
                        as_app(conn, user)
                        step(conn, user)
                    outcomes[which].append("ok")
                except psycopg.Error as exc:
                    outcomes[which].append(exc.sqlstate)

    threads = [threading.Thread(target=play, args=(i, step)) for i, step in enumerate((first, second))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes[0], outcomes[1]


def test_deleting_a_user_while_their_calls_run_never_deadlocks(game, deployed_db):
    def calls(conn, user):
        conn.execute("select progflow.mark_notifications_read(%s)", (user,))
        conn.execute("select pg_sleep(0.002)")
        submit(conn, user, score=100)

    def delete(conn, user):
        conn.execute("select pg_sleep(0.001)")
        conn.execute("delete from progflow.users where id = %s", (user,))

    played, deleted = race(deployed_db, ROUNDS, calls, delete)
    assert "40P01" not in played + deleted
    assert set(played) <= {"ok", "P0002"} and set(deleted) == {"ok"}
    assert game.execute("select count(*) from progflow.users").fetchone()[0] == 0
    assert game.execute("select count(*) from progflow.level_attempts").fetchone()[0] == 0


def test_a_profile_edit_then_a_submission_racing_another_submission_never_deadlocks(game, deployed_db):
    def edit_then_submit(conn, user):
        conn.execute("update progflow.users set display_name = 'Renamed' where id = %s", (user,))
        conn.execute("select pg_sleep(0.002)")
        submit(conn, user, score=50)

    def other(conn, user):
        conn.execute("select pg_sleep(0.001)")
        submit(conn, user, score=70)

    first, second = race(deployed_db, ROUNDS, edit_then_submit, other)
    assert first == second == ["ok"] * ROUNDS
    assert game.execute("select count(*) from progflow.level_attempts").fetchone()[0] == 2 * ROUNDS


OPERATIONS = {
    "profile": "update progflow.users set display_name = 'Renamed' where id = %(user)s",
    # UTC under another name: the trigger and the lock run, while first passes keep their hour for the invariants
    "zone": "update progflow.users set preferences = '{\"timezone\": \"Etc/UTC\"}' where id = %(user)s",
    "submit": "select * from progflow.submit_level_attempt(%(user)s, %(challenge)s, 1, '{}', '[]', 70, 5)",
    "hint": "select * from progflow.use_hint(%(user)s, %(challenge)s, 1)",
    "read": "select progflow.mark_notifications_read(%(user)s)",
    "session": "select progflow.start_learning_session(%(user)s, 'lesson', 'intro')",
    "delete": "delete from progflow.users where id = %(user)s",
}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(st.sampled_from(sorted(OPERATIONS)), min_size=1, max_size=4),
       second=st.lists(st.sampled_from(sorted(OPERATIONS)), min_size=1, max_size=4))
def test_any_two_transactions_for_one_user_queue_and_never_deadlock(game, deployed_db, first, second):
    """Two transactions of one user, each a drawn sequence of profile writes and engine calls."""
    def transaction(operations):
        def step(conn, user):
            for op in operations:
                conn.execute(OPERATIONS[op], {"user": user, "challenge": CHALLENGE})
                conn.execute("select pg_sleep(0.001)")
        return step

    outcomes = race(deployed_db, 1, transaction(first), transaction(second))
    assert {o for side in outcomes for o in side} <= {"ok", "P0002", "PF007"}, (first, second, outcomes)
    for (user,) in game.execute("select id from progflow.users").fetchall():
        assert game.execute("select * from tests.invariant_violations(%s)", (user,)).fetchall() == []


def test_closing_the_day_while_its_players_submit_again_never_deadlocks(game, deployed_db):
    """A daily submission locks its user, then the day; closing the day locks its players, then the day."""
    today = game.execute("select (now() at time zone 'UTC')::date").fetchone()[0]
    game.execute("select progflow.set_daily_challenge(%s, %s)", (today, CHALLENGE))

    def again(conn, user):
        conn.execute("select progflow.submit_daily_challenge_attempt(%s, %s, 80)", (user, today))

    def close(conn, _user):
        conn.execute("select set_config('role', 'progflow_service', true)")
        conn.execute("select progflow.close_daily_challenge(%s)", (today,))
        conn.execute("select set_config('role', 'none', true)")  # the owner reopens the day for the next round
        conn.execute("update progflow.daily_challenges set closed_at = null where date = %s", (today,))

    def first(conn, user):
        conn.execute("select progflow.submit_daily_challenge_attempt(%s, %s, 80)", (user, today))

    played, closed = race(deployed_db, 30, again, close, prepare=first)
    assert "40P01" not in played + closed
    assert set(played) == {"PF005"} and set(closed) == {"ok"}


# -- 5. numbers at the edges ---------------------------------------------------------------------

def test_a_score_is_rounded_once_and_that_value_used_everywhere(game):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        passed, xp = submit(game, user, score=Decimal("99.995"))
    assert passed and xp == 165  # floor(100 × 1.5 (a perfect 100) × 1.1): priced as stored
    stored, perfect = game.execute("select a.score, s.perfect_levels from progflow.level_attempts a "
                                   "join progflow.user_stats s using (user_id) where a.user_id = %s", (user,)).fetchone()
    assert (stored, perfect) == (Decimal("100.00"), 1)
    assert game.execute("select * from tests.invariant_violations(%s)", (user,)).fetchall() == []


@pytest.mark.parametrize("score", ["100.004", "-0.004"])
def test_a_score_that_rounds_into_range_is_accepted(game, score):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        submit(game, user, score=Decimal(score))


@pytest.mark.parametrize("amounts", [[2147483647, 1], [-2147483648], [2147483647, -2147483648]],
                         ids=["past-the-top", "most-negative", "back-past-zero"])
def test_award_xp_at_the_integers_edges_is_22023_with_a_hint(game, amounts):
    user = new_user(game)
    *before, last = amounts
    for amount in before:
        game.execute("select progflow.award_xp(%s, %s, 'admin')", (user, amount))
    with pytest.raises(psycopg.errors.InvalidParameterValue) as raised:
        game.execute("select progflow.award_xp(%s, %s, 'admin')", (user, last))
    assert raised.value.diag.message_hint
    assert game.execute("select * from tests.invariant_violations(%s)", (user,)).fetchall() == []


def test_minutes_past_a_day_or_past_the_total_are_22023(game):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        submit(game, user, minutes=1440)
    for minutes in (2147483647, 1441, -1):
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="between 0 and 1440"):
            with game.transaction():
                as_app(game, user)
                submit(game, user, minutes=minutes)
    game.execute("update progflow.user_stats set total_time_spent_minutes = 2147483000 where user_id = %s", (user,))
    with pytest.raises(psycopg.errors.InvalidParameterValue, match="would pass") as raised:
        with game.transaction():
            as_app(game, user)
            submit(game, user, minutes=1440)
    assert raised.value.diag.message_hint


@pytest.mark.parametrize("first, again", [
    ((90, '{"a": 1}'), (Decimal("90.0"), '{"a": 1}')),
    ((90, '{"a": 1}'), (90, '{"a": 1.0}')),
    ((90, '{"a": [1, 2.5], "b": 1e2}'), (Decimal("90.000"), '{"b": 100, "a": [1.00, 2.50]}')),
], ids=["score", "snapshot", "both"])
def test_a_replay_written_with_other_digits_is_the_same_request(game, first, again):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        original = submit(game, user, score=first[0], snapshot=first[1], key="k-1")
        replayed = submit(game, user, score=again[0], snapshot=again[1], key="k-1")
    assert replayed == original
    assert game.execute("select count(*) from progflow.level_attempts where user_id = %s", (user,)).fetchone()[0] == 1


json_numbers = st.integers(-10**6, 10**6) | st.decimals(-10**6, 10**6, places=3, allow_nan=False, allow_infinity=False)
json_documents = st.recursive(
    st.none() | st.booleans() | json_numbers | st.text(st.characters(blacklist_characters="\x00\"\\",
                                                                       blacklist_categories=("Cs", "Cc")), max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text("abcdef", min_size=1, max_size=4), inner, max_size=4),
    max_leaves=12)


def spelled(value, draw) -> str:
    """JSON text of `value`, each number written one of several equal ways, object keys in a drawn order."""
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
        return draw(st.sampled_from([str(number), f"{number:.4f}", f"{number:E}" if number else "0e0"]))
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(spelled(v, draw) for v in value) + "]"
    keys = draw(st.permutations(sorted(value)))
    return "{" + ", ".join(f"{json.dumps(k)}: {spelled(value[k], draw)}" for k in keys) + "}"


@HYPOTHESIS
@given(document=st.dictionaries(st.text("xyz", min_size=1, max_size=3), json_documents, max_size=4),
       score=st.decimals(0, 100, places=2), data=st.data())
def test_a_replay_is_known_by_its_values_not_its_spelling(game, document, score, data):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        original = submit(game, user, score=score, snapshot=spelled(document, data.draw), key="k-1")
        replayed = submit(game, user, score=Decimal(f"{score:.3f}"), snapshot=spelled(document, data.draw), key="k-1")
    assert replayed == original
    assert game.execute("select count(*) from progflow.level_attempts where user_id = %s", (user,)).fetchone()[0] == 1


def test_a_replay_with_another_value_is_pf006(game):
    user = new_user(game)
    with game.transaction():
        as_app(game, user)
        submit(game, user, score=90, key="k-1")
    with pytest.raises(psycopg.Error) as raised:
        with game.transaction():
            as_app(game, user)
            submit(game, user, score=Decimal("90.01"), key="k-1")
    assert raised.value.sqlstate == "PF006"


def test_a_nul_character_in_json_is_22p05_and_documented(game):
    user = new_user(game)
    with pytest.raises(psycopg.errors.UntranslatableCharacter):
        with game.transaction():
            as_app(game, user)
            game.execute("select * from progflow.submit_level_attempt(%s, %s, 1, '{\"a\": \"\\u0000\"}', '[]', 90)",
                         (user, CHALLENGE))
    comment = game.execute("select obj_description('progflow.submit_level_attempt'::regproc, 'pg_proc')").fetchone()[0]
    assert "`22P05`" in comment


# -- 6. the upgrade from 0.1.0 carries settings and data over ------------------------------------

def test_an_upgrade_carries_the_database_limit_over_and_resets_posix_zones(empty_db):
    proj = project.load(ROOT)
    with engine.Engine(proj, empty_db) as eng:
        eng.deploy(to="@v0.1.0")
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute(f'alter database "{conn.info.dbname}" set progflow.max_submissions_per_minute = 75')
        conn.execute("insert into progflow.users (id, email, username, preferences) values "
                     "('00000000-0000-0000-0000-00000000aa01', 'posix@example.org', 'posix', '{\"timezone\": \"UTC+167\"}'),"
                     "('00000000-0000-0000-0000-00000000aa02', 'iana@example.org', 'iana', "
                     "'{\"timezone\": \"Asia/Tokyo\", \"theme\": \"dark\"}')")
        conn.execute("update progflow.user_stats set current_streak_days = 4, longest_streak_days = 4, "
                     "last_activity_date = (now() at time zone 'Asia/Tokyo')::date - 1 "
                     "where user_id = '00000000-0000-0000-0000-00000000aa02'")
    with engine.Engine(proj, empty_db) as eng:
        eng.deploy()
    with psycopg.connect(empty_db, autocommit=True) as conn:
        assert conn.execute("select max_submissions_per_minute from progflow.game_settings").fetchone()[0] == 75
        assert conn.execute("select preferences from progflow.users order by username").fetchall() == [
            ({"theme": "dark", "timezone": "Asia/Tokyo"},), ({},)]
        # A streak counted by 0.1.0 goes on: the start of its first day stands in for its first attempt.
        streak = conn.execute("select n.current_streak_days from progflow.user_stats s, "
                              "progflow.streak_after(s, now(), 'Asia/Tokyo') n "
                              "where s.user_id = '00000000-0000-0000-0000-00000000aa02'").fetchone()[0]
        assert streak == 5
