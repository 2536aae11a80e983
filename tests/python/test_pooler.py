"""Behind a transaction-mode pooler (PgBouncer, the `pooler` fixture): sessions are shared, acting users are not."""

import threading
import uuid

import psycopg
import pytest

CHALLENGE = "00000000-0000-0000-0000-0000000000c1"  # challenge "a" of tests.load_catalogue(), level 1 open


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


@pytest.fixture
def app_login(deployed_db):
    """A login role in progflow_app, as a backend connects, and ten users with a little history."""
    role = f"t_app_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(deployed_db, autocommit=True) as admin:
        admin.execute(f"create role {role} login in role progflow_app")
        admin.execute("select tests.load_catalogue()")
        users = [str(admin.execute("select tests.create_user(%s)", (f"pooled{n}",)).fetchone()[0]) for n in range(10)]
    yield role, users
    with psycopg.connect(deployed_db, autocommit=True) as admin:
        admin.execute(f"drop role {role}")


def test_many_backends_share_few_server_sessions_and_each_sees_only_its_user(pooler, deployed_db, app_login):
    """Ten clients acting for ten users, twenty transactions each, through two server sessions."""
    dbname = deployed_db.rsplit("/", 1)[1]
    role, users = app_login
    seen: list[tuple[str, int, int, str | None, int]] = []
    errors: list[BaseException] = []

    def client(user: str) -> None:
        try:
            with psycopg.connect(pooler(dbname, role), prepare_threshold=None) as conn:
                for n in range(20):
                    with conn.transaction():
                        conn.execute("select set_config('progflow.user_id', %s, true)", (user,))
                        if n % 5 == 0:
                            conn.execute("select * from progflow.submit_level_attempt(%s, %s, 1, '{}', '[]', 90, 5)",
                                         (user, CHALLENGE))
                        users_seen, backend = conn.execute(
                            "select count(*), pg_backend_pid() from progflow.users").fetchone()
                        dashboard = conn.execute("select id::text, total_xp from progflow.user_dashboard").fetchall()
                        seen.append((user, users_seen, backend, dashboard[0][0] if dashboard else None, len(dashboard)))
        except BaseException as exc:  # noqa: BLE001 (reported below, in the test's thread)
            errors.append(exc)

    threads = [threading.Thread(target=client, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert len(seen) == 10 * 20
    assert {(users_seen, rows) for _, users_seen, _, _, rows in seen} == {(1, 1)}
    assert all(dashboard_user == user for user, _, _, dashboard_user, _ in seen), "a user saw another's dashboard"
    assert len({backend for _, _, backend, _, _ in seen}) <= 2, "PgBouncer should run them on its two server sessions"


def test_a_backend_that_forgets_the_acting_user_sees_nothing(pooler, deployed_db, app_login):
    dbname = deployed_db.rsplit("/", 1)[1]
    role, users = app_login
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


def test_the_recommended_client_settings_hold_across_server_sessions(pooler, deployed_db, app_login):
    """psycopg with prepare_threshold=None (no named prepared statements), as docs/security.md says."""
    dbname = deployed_db.rsplit("/", 1)[1]
    role, users = app_login
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
