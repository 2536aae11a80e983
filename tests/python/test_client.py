"""progflow.client as a backend uses it: typed calls, named errors, retries, and the dashboard's version."""

from __future__ import annotations

import collections
import datetime as dt
import threading
import uuid

import psycopg
import pytest

from conftest import as_login
from progflow.client import (
    BoardEntry, ChallengeLocked, Client, ConnectionLost, ConstraintViolation, Dashboard, DeadlockDetected, Duplicate,
    EngineError, Forbidden, Hint, IdempotencyKeyReused, InvalidArgument, LevelLocked, NoHintLeft, NotFound,
    Notification, PublicProfile, RateLimited, SkillPointNotAllowed, Submission)
from progflow.client.errors import BY_SQLSTATE, translate

A = uuid.UUID("00000000-0000-0000-0000-0000000000c1")  # open; level 1 has seven hints
B = uuid.UUID("00000000-0000-0000-0000-0000000000c2")  # needs A completed
CACHING = uuid.UUID("00000000-0000-0000-0000-0000000000e1")  # skill, max level 2


@pytest.fixture
def clients(backend):
    """A web backend's client (progflow_app) and its sign-in service's (progflow_service)."""
    admin, logins, users = backend
    with Client(as_login(admin, logins["app"]), max_size=4) as app, \
            Client(as_login(admin, logins["auth"]), max_size=2) as auth:
        yield app, auth, users, admin


def submit(session, challenge=A, level=1, score=90, **more) -> Submission:
    return session.submit_level_attempt(challenge, level, {"nodes": []}, [], score, 5, **more)


def test_a_backend_signs_in_plays_and_reads_through_typed_calls(clients):
    app, auth, users, _ = clients
    user = auth.run(lambda s: s.user_id_by_login("POOLED3@Example.org"))
    assert user == users[3]
    assert auth.run(lambda s: s.user_id_by_login("nobody@example.org")) is None

    first = app.run(lambda s: submit(s, score=100, idempotency_key="req-1"), user_id=user)
    assert isinstance(first, Submission) and first.passed and first.level_completed and first.xp_earned > 0
    assert set(first.achievements_unlocked) == {"first_level", "perfectionist"}
    assert app.run(lambda s: submit(s, score=100, idempotency_key="req-1"), user_id=user) == first  # a replay

    with app.transaction(user) as s:
        dashboard = s.dashboard()
        assert isinstance(dashboard, Dashboard) and dashboard.id == user and dashboard.levels_completed == 1
        assert dashboard.total_xp == first.xp_earned + 35 and set(dashboard.track_progress) == {"fundamentals", "concepts"}
        assert s.dashboard_version() == dashboard.version
        unread = s.unread_notifications()
        assert unread == dashboard.unread_notifications >= 3  # the level, two achievements (and unlocks)
        newest = s.notifications_page(limit=2)
        rest = s.notifications_page(limit=100, before=newest[-1])
        assert all(isinstance(n, Notification) for n in newest + rest)
        assert len({n.id for n in newest + rest}) == len(newest + rest) == unread
        assert s.mark_notifications_read([newest[0].id]) == 1
        assert s.unread_notifications() == unread - 1
        assert [c.slug for c in s.user_challenge_status()][:2] == ["a", "b"]
        assert s.recommend_challenges(limit=1)[0].slug == "a"
        assert s.calculate_user_streak() == 1
        hint = s.use_hint(A, 2)
        assert isinstance(hint, Hint) and hint.hint_number == 1 and [h.hint for h in s.revealed_hints(A, 2)] == [hint.hint]

    auth.run(lambda s: s.conn.execute("select progflow.refresh_leaderboards('weekly'), "
                                      "progflow.refresh_leaderboards('all_time')"))
    other = app.run(lambda s: s.public_profile(user), user_id=users[4])
    assert isinstance(other, PublicProfile) and other.username == "pooled3" and other.total_xp == dashboard.total_xp
    around = app.run(lambda s: s.leaderboard_around("weekly"), user_id=user)
    assert [(e.rank, e.is_me) for e in around] == [(1, True)] and isinstance(around[0], BoardEntry)
    assert [r.user_id for r in app.run(lambda s: s.leaderboard("all_time"), user_id=user)] == [user]


def test_each_refusal_is_a_named_exception_with_the_servers_words(clients):
    app, _, users, admin = clients
    user = users[0]

    def refused(kind, work, user_id=user):
        with pytest.raises(kind) as caught:
            app.run(work, user_id=user_id)
        assert isinstance(caught.value.__cause__, psycopg.Error)
        assert caught.value.sqlstate == caught.value.__cause__.sqlstate and caught.value.message
        return caught.value

    locked = refused(ChallengeLocked, lambda s: submit(s, challenge=B))
    assert locked.sqlstate == "PF001" and locked.hint
    assert refused(LevelLocked, lambda s: submit(s, level=3)).sqlstate == "PF002"
    assert "score" in refused(InvalidArgument, lambda s: submit(s, score=101)).message
    assert refused(NotFound, lambda s: s.public_profile(uuid.uuid4())).sqlstate == "P0002"
    assert refused(Forbidden, lambda s: s.user_id_by_login("pooled1")).sqlstate == "42501"  # the app may not
    assert refused(SkillPointNotAllowed, lambda s: s.allocate_skill_point(CACHING)).sqlstate == "PF004"
    app.run(lambda s: submit(s, idempotency_key="same"), user_id=user)
    assert refused(IdempotencyKeyReused, lambda s: submit(s, score=91, idempotency_key="same")).sqlstate == "PF006"
    for _ in range(7):
        app.run(lambda s: s.use_hint(A, 1), user_id=user)
    assert refused(NoHintLeft, lambda s: s.use_hint(A, 1)).sqlstate == "PF007"
    with psycopg.connect(admin, autocommit=True) as owner:
        owner.execute("update progflow.game_settings set max_submissions_per_minute = 1")
    assert refused(RateLimited, lambda s: submit(s)).sqlstate == "PF003"
    with psycopg.connect(admin, autocommit=True) as owner:
        with pytest.raises(psycopg.errors.UniqueViolation) as raw:
            owner.execute("insert into progflow.users (email, username) values ('POOLED2@example.org', 'someone')")
    assert isinstance(translate(raw.value), Duplicate)


def test_a_refused_call_takes_the_whole_transaction_back(clients):
    app, _, users, admin = clients
    with pytest.raises(ChallengeLocked):
        with app.transaction(users[1]) as s:
            s.start_learning_session("challenge", "a")
            submit(s)
            submit(s, challenge=B)
    with psycopg.connect(admin) as owner:
        assert owner.execute("select count(*) from progflow.learning_sessions").fetchone()[0] == 0
        assert owner.execute("select count(*) from progflow.level_attempts").fetchone()[0] == 0
    assert app.run(lambda s: s.dashboard(), user_id=users[1]).total_xp == 0  # and the pool serves again


def test_run_retries_a_transaction_the_server_aborted_for_a_deadlock(clients):
    """Two transactions lock two things in opposite orders: the server aborts one (40P01); run() runs it again."""
    app, _, users, _ = clients
    for retries, expected in ((3, None), (0, DeadlockDetected)):
        meet = threading.Barrier(2, timeout=20)
        runs: collections.Counter[int] = collections.Counter()
        outcome: dict[int, object] = {}

        def work(first: int, second: int):
            def go(s) -> int:
                runs[first] += 1
                s.conn.execute("select pg_advisory_xact_lock(%s)", (first,))
                if runs[first] == 1:
                    meet.wait()
                s.conn.execute("select pg_advisory_xact_lock(%s)", (second,))
                return first
            return go

        def client(first: int, second: int) -> None:
            try:
                outcome[first] = app.run(work(first, second), user_id=users[first], retries=retries)
            except Exception as exc:  # noqa: BLE001 (asserted below)
                outcome[first] = exc

        threads = [threading.Thread(target=client, args=pair) for pair in ((1, 2), (2, 1))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        if expected is None:
            assert outcome == {1: 1, 2: 2} and sorted(runs.values()) == [1, 2], "one of them should have run twice"
        else:
            lost = [exc for exc in outcome.values() if isinstance(exc, Exception)]
            assert len(lost) == 1 and isinstance(lost[0], expected) and lost[0].sqlstate == "40P01"
            assert lost[0].retryable and sorted(runs.values()) == [1, 1]


def test_a_lost_session_is_not_retried_and_the_pool_recovers(clients):
    app, _, users, admin = clients
    runs = []

    def killed(s):
        runs.append(1)
        with psycopg.connect(admin, autocommit=True) as owner:
            owner.execute("select pg_terminate_backend(%s)", (s.conn.info.backend_pid,))
        return s.dashboard()

    with pytest.raises(ConnectionLost):
        app.run(killed, user_id=users[2])
    assert runs == [1], "a COMMIT may have taken: the client must not run the work again"
    assert app.run(lambda s: s.dashboard(), user_id=users[2]).id == users[2]


def test_the_dashboard_version_moves_with_every_change_and_only_then(clients):
    """Each change in a transaction of its own, as requests come: the cached copy's version tells it is stale."""
    app, auth, users, admin = clients
    user = users[5]
    owner = psycopg.connect(admin, autocommit=True)

    def version() -> str:
        return app.run(lambda s: s.dashboard_version(), user_id=user)

    def cached() -> Dashboard:
        return app.run(lambda s: s.dashboard(), user_id=user)

    seen = [cached()]

    def changed(what: str) -> None:
        now = cached()
        assert version() == now.version, what
        assert now.version not in {d.version for d in seen}, f"{what}: the version should have moved"
        seen.append(now)

    # Reads and refused calls change nothing, and leave the version alone.
    with app.transaction(user) as s:
        s.notifications_page(), s.unread_notifications(), s.user_challenge_status(), s.recommend_challenges()
        s.calculate_user_streak(), s.skill_points_available(), s.leaderboard_around("daily")
    with pytest.raises(ChallengeLocked):
        app.run(lambda s: submit(s, challenge=B), user_id=user)
    assert version() == seen[-1].version

    app.run(lambda s: submit(s), user_id=user)
    changed("an attempt")
    app.run(lambda s: s.mark_notifications_read(), user_id=user)
    assert cached().unread_notifications == 0
    changed("notifications read")
    auth.run(lambda s: s.award_xp(1000, "admin"), user_id=user)
    changed("XP awarded")
    app.run(lambda s: s.allocate_skill_point(CACHING), user_id=user)
    changed("a skill point spent")
    owner.execute("update progflow.users set display_name = 'Ada' where id = %s", (user,))
    changed("a profile edit")
    auth.run(lambda s: s.conn.execute("select progflow.refresh_leaderboards('all_time')"))
    changed("the all-time board, which the percentile reads")
    owner.execute("insert into progflow.notifications (user_id, type, title) values (%s, 'streak', 'hi')", (user,))
    changed("a notification written by hand")
    owner.execute("delete from progflow.notifications where user_id = %s and title = 'hi'", (user,))
    changed("a notification deleted")
    owner.execute("update progflow.user_track_progress set progress_percentage = 1 where user_id = %s", (user,))
    changed("track progress written by hand")
    owner.execute("update progflow.learning_tracks set is_active = false where slug = 'concepts'")
    assert "concepts" not in cached().track_progress
    changed("a track retired by a catalogue deploy")
    owner.execute("delete from progflow.user_achievements where user_id = %s", (user,))
    changed("achievements taken back")
    auth.run(lambda s: s.conn.execute("select progflow.refresh_leaderboards('all_time')"))  # nothing moved: no write
    with psycopg.connect(admin) as other:
        other.execute("set timezone = 'Asia/Kathmandu'")
        other.execute("set role progflow_app")
        other.execute("select set_config('progflow.user_id', %s, true)", (str(user),))
        assert other.execute("select version from progflow.user_dashboard where id = %s",
                             (user,)).fetchone()[0] == seen[-1].version, "another session, another zone: same"
    assert version() == seen[-1].version
    owner.close()


def test_the_dashboard_version_moves_when_the_streak_breaks_at_local_midnight(clock_db):
    """No write at all: the day passes in the user's zone, the streak reads 0, and the version says so."""
    uri, clock = clock_db
    auckland = dt.timezone(dt.timedelta(hours=13))  # Pacific/Auckland in November (daylight time)
    clock.set(dt.datetime(2026, 11, 2, 20, 0, tzinfo=auckland))
    with psycopg.connect(uri, autocommit=True) as owner:
        owner.execute("select tests.load_catalogue()")
        user = owner.execute("select tests.create_user('kiri', 'Pacific/Auckland')").fetchone()[0]
        owner.execute("select tests.submit('kiri', 'a', 1, 90)")
    with Client(uri, max_size=1) as client:
        monday = client.run(lambda s: s.dashboard(), user_id=user)
        assert monday.current_streak_days == 1
        clock.set(dt.datetime(2026, 11, 3, 23, 59, tzinfo=auckland))  # Tuesday: the streak still stands
        assert client.run(lambda s: s.dashboard_version(), user_id=user) == monday.version
        clock.set(dt.datetime(2026, 11, 4, 0, 1, tzinfo=auckland))  # Wednesday: a whole day without play
        assert client.run(lambda s: s.dashboard_version(), user_id=user) != monday.version
        assert client.run(lambda s: s.dashboard(), user_id=user).current_streak_days == 0


def test_no_server_is_a_connection_lost_error_not_a_hang():
    with Client("postgresql://nobody@127.0.0.1:1/progflow", min_size=0, timeout=1, connect_timeout=1) as client:
        with pytest.raises(ConnectionLost):
            client.run(lambda s: s.dashboard(), user_id=uuid.uuid4())


@pytest.mark.parametrize("sqlstate, kind", [
    (code, kind) for code, kind in BY_SQLSTATE.items() if not code.startswith("PF")  # the game's own codes are raised by the server in the tests above
] + [("23514", ConstraintViolation), ("22003", InvalidArgument), ("08006", ConnectionLost), ("XX000", EngineError)])
def test_every_sqlstate_the_client_names_maps_to_its_exception(sqlstate, kind):
    """The map itself, for the codes no test above makes the server raise (55P03, 40001, 57P01 …)."""
    error = psycopg.errors.lookup(sqlstate)("the server's words")
    named = translate(error)
    assert type(named) is kind and named.sqlstate == sqlstate and named.message == "the server's words"
    assert named.retryable == (sqlstate in ("40001", "40P01"))
