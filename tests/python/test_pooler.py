"""Behind a transaction-mode pooler (PgBouncer, the `pooler` fixture): sessions are shared, acting users are not."""

import threading
import uuid

import psycopg
import pytest

from progflow.client import Client

CHALLENGE = uuid.UUID("00000000-0000-0000-0000-0000000000c1")  # challenge "a" of tests.load_catalogue(), level 1 open


def test_the_acting_user_does_not_leak_through_the_pool(pooler, deployed_db):
    dbname = deployed_db.rsplit("/", 1)[1]
    role, acting = f"t_app_{uuid.uuid4().hex[:8]}", str(uuid.uuid4())
    with psycopg.connect(deployed_db, autocommit=True) as admin:
        admin.execute(f"create role {role} login in role progflow_app")
    try:
        # Two clients at once: in transaction mode their transactions take turns on one server session.
        with psycopg.connect(pooler(dbname, role), prepare_threshold=None) as first, \
                psycopg.connect(pooler(dbname, role), prepare_threshold=None) as second:
            with first.transaction():
                first.execute("select set_config('progflow.user_id', %s, true)", (acting,))
                seen, backend = first.execute("select progflow.current_user_id()::text, pg_backend_pid()").fetchone()
            assert seen == acting
            for client in (first, second):
                with client.transaction():
                    setting, user_id, again = client.execute(
                        "select current_setting('progflow.user_id', true), progflow.current_user_id(), "
                        "pg_backend_pid()").fetchone()
                assert again == backend, "the pool did not reuse the server session: nothing was tested"
                assert setting in (None, "") and user_id is None
    finally:
        with psycopg.connect(deployed_db, autocommit=True) as admin:
            admin.execute(f"drop role {role}")


def test_many_backends_share_few_server_sessions_and_each_sees_only_its_user(pooler, backend):
    """Ten threads of one backend (one client pool of ten) acting for ten users, through two server sessions."""
    admin, logins, users = backend
    dbname = admin.rsplit("/", 1)[1]
    seen: list[tuple[uuid.UUID, int, int, uuid.UUID | None]] = []
    errors: list[BaseException] = []

    def requests(client: Client, user: uuid.UUID) -> None:
        try:
            for n in range(20):
                with client.transaction(user) as s:
                    if n % 5 == 0:
                        s.submit_level_attempt(CHALLENGE, 1, {}, [], 90, 5)
                    users_seen, backend_pid = s.conn.execute(
                        "select count(*), pg_backend_pid() from progflow.users").fetchone()
                    dashboard = s.dashboard()
                    seen.append((user, users_seen, backend_pid, dashboard.id if dashboard else None))
        except BaseException as exc:  # noqa: BLE001 (reported below, in the test's thread)
            errors.append(exc)

    with Client(pooler(dbname, logins["app"]), min_size=10, max_size=10, prepare_threshold=None) as client:
        threads = [threading.Thread(target=requests, args=(client, user)) for user in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
    assert errors == []
    assert len(seen) == 10 * 20
    assert {users_seen for _, users_seen, _, _ in seen} == {1}
    assert all(dashboard_user == user for user, _, _, dashboard_user in seen), "a user saw another's dashboard"
    assert len({backend_pid for _, _, backend_pid, _ in seen}) <= 2, "PgBouncer should run them on its two sessions"


def test_a_backend_builds_its_pages_through_the_pooler(pooler, backend):
    """Sign-in, the dashboard and its version, notifications page by page, a profile, a board around the user:
    as the app's and the sign-in service's login roles, through PgBouncer."""
    admin, logins, users = backend
    dbname = admin.rsplit("/", 1)[1]
    with Client(pooler(dbname, logins["auth"]), max_size=2, prepare_threshold=None) as auth, \
            Client(pooler(dbname, logins["app"]), max_size=4, prepare_threshold=None) as app:
        user = auth.run(lambda s: s.user_id_by_login("Pooled7"))
        assert user == users[7]
        for level, score in ((1, 100), (2, 95)):
            app.run(lambda s: s.submit_level_attempt(CHALLENGE, level, {}, [], score, 5), user_id=user)
        app.run(lambda s: s.submit_level_attempt(CHALLENGE, 1, {}, [], 70, 5), user_id=users[8])
        auth.run(lambda s: s.conn.execute("select progflow.refresh_leaderboards('all_time')"))

        dashboard = app.run(lambda s: s.dashboard(), user_id=user)
        assert dashboard.levels_completed == 2
        assert app.run(lambda s: s.dashboard_version(), user_id=user) == dashboard.version  # the cache holds
        pages, before = [], None
        while page := app.run(lambda s: s.notifications_page(limit=2, before=before), user_id=user):
            pages.append(page)
            before = page[-1]
        notes = [n for page in pages for n in page]
        assert len(notes) == dashboard.unread_notifications and len({n.id for n in notes}) == len(notes)
        assert notes == sorted(notes, key=lambda n: (n.created_at, n.id), reverse=True)
        app.run(lambda s: s.mark_notifications_read(), user_id=user)
        assert app.run(lambda s: s.dashboard_version(), user_id=user) != dashboard.version  # the cache is stale

        profile = app.run(lambda s: s.public_profile(user), user_id=users[8])
        assert (profile.username, profile.total_xp) == ("pooled7", dashboard.total_xp)
        around = app.run(lambda s: s.leaderboard_around("all_time", size=1), user_id=users[8])
        assert [(e.user_id, e.is_me) for e in around] == [(user, False), (users[8], True)]


def test_a_backend_that_forgets_the_acting_user_sees_nothing(pooler, backend):
    admin, logins, users = backend
    dbname, role = admin.rsplit("/", 1)[1], logins["app"]
    users = [str(u) for u in users]
    with psycopg.connect(pooler(dbname, role), prepare_threshold=None) as careful, \
            psycopg.connect(pooler(dbname, role), prepare_threshold=None) as careless:
        with careful.transaction():
            careful.execute("select set_config('progflow.user_id', %s, true)", (users[0],))
            assert careful.execute("select count(*) from progflow.user_stats").fetchone()[0] == 1
        with careless.transaction():
            assert careless.execute("select count(*) from progflow.users").fetchone()[0] == 0
            assert careless.execute("select count(*) from progflow.user_dashboard").fetchone()[0] == 0
            assert careless.execute("select count(*) from progflow.notifications").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="has no acting user"):
            careless.execute("select progflow.skill_points_available(%s)", (users[0],))


def test_the_recommended_client_settings_hold_across_server_sessions(pooler, backend):
    """psycopg with prepare_threshold=None (no named prepared statements), as docs/security.md says."""
    admin, logins, users = backend
    dbname, role = admin.rsplit("/", 1)[1], logins["app"]
    users = [str(u) for u in users]
    with psycopg.connect(pooler(dbname, role), prepare_threshold=None) as first, \
            psycopg.connect(pooler(dbname, role), prepare_threshold=None) as second:
        backends = set()
        for n in range(30):
            conn, user = (first, users[1]) if n % 2 else (second, users[2])
            with conn.transaction():
                conn.execute("select set_config('progflow.user_id', %s, true)", (user,))
                row = conn.execute("select id::text, pg_backend_pid() from progflow.user_dashboard where id = %s",
                                   (user,)).fetchone()
            assert row[0] == user
            backends.add(row[1])
    assert 1 <= len(backends) <= 2


def test_a_backends_pages_read_by_index_with_a_crowd_in_the_tables(pooler, backend):
    """With 2,000 learners, their notifications and a board: sign-in, the dashboard's version, a notifications
    page, a profile and "around me" read no row of those tables by a sequential scan (counted by the server)."""
    admin, logins, users = backend
    dbname = admin.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as owner:
        owner.execute("""
            insert into progflow.users (email, username)
            select format('crowd%s@example.org', n), format('crowd%s', n) from generate_series(1, 2000) n""")
        owner.execute("""
            insert into progflow.notifications (user_id, type, title, created_at)
            select u.id, 'streak', 'note ' || k, now() - make_interval(mins => k)
              from progflow.users u, generate_series(1, 5) k where u.username like 'crowd%'""")
        owner.execute("""
            select progflow.award_xp(u.id, 1000 + (hashtext(u.username) & 4095), 'admin') from progflow.users u
             where u.username like 'crowd%'""")  # past 1,000 XP: each gets its achievements (and their rows)
        owner.execute("select progflow.refresh_leaderboards('all_time')")
        owner.execute("analyze progflow.users, progflow.user_stats, progflow.notifications, "
                      "progflow.leaderboard_entries, progflow.user_achievements")
    watched = ("users", "user_stats", "notifications", "leaderboard_entries", "user_achievements")

    def sequential_rows(s) -> dict[str, int]:
        return dict(s.conn.execute("select relname::text, seq_tup_read from pg_stat_xact_user_tables "
                                   "where schemaname = 'progflow' and relname = any(%s)", (list(watched),)).fetchall())

    with Client(pooler(dbname, logins["auth"]), max_size=1, prepare_threshold=None) as auth, \
            Client(pooler(dbname, logins["app"]), max_size=1, prepare_threshold=None) as app:
        with auth.transaction() as s:
            s.conn.execute("set local stats_fetch_consistency = none")
            assert s.user_id_by_login("crowd1234@example.org") is not None
            assert set(sequential_rows(s).values()) <= {0}, "sign-in"
        user, other = users[0], auth.run(lambda s: s.user_id_by_login("crowd77"))
        with app.transaction(user) as s:
            s.conn.execute("set local stats_fetch_consistency = none")
            assert s.dashboard_version() is not None
            assert len(s.notifications_page(limit=3)) == 1  # the unlock of challenge a
            assert s.public_profile(other).username == "crowd77"
            assert s.leaderboard_around("all_time") == []  # 0 XP: not on the board
            assert set(sequential_rows(s).values()) <= {0}, "the app's pages"
        with app.transaction(other) as s:
            s.conn.execute("set local stats_fetch_consistency = none")
            assert len(s.notifications_page(limit=3)) == 3
            assert [e.is_me for e in s.leaderboard_around("all_time", size=2)].count(True) == 1
            assert set(sequential_rows(s).values()) <= {0}, "a learner with notifications, on the board"
