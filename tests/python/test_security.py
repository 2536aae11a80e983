"""The security layer with an owner who is not a superuser, as in production, and its revert.

The pgTAP files of tests/pgtap/security/ hold the rules (on databases deployed by progflow and by
sqitch, as the test superuser); these tests deploy as an ordinary owner role, for which forced
row-level security is not bypassed, and check what a deployer sees.
"""

from urllib.parse import quote

import psycopg
import pytest

OWNER = "progflow_test_owner"


@pytest.fixture
def owned_db(pg, empty_db):
    """An empty database owned by an ordinary role, and a URI that connects as that role."""
    with pg.admin() as conn:
        if not conn.execute("select 1 from pg_roles where rolname = %s", (OWNER,)).fetchone():
            conn.execute(f"create role {OWNER} nologin")
        conn.execute(f'alter database "{empty_db.rsplit("/", 1)[1]}" owner to {OWNER}')
    # The test superuser connects and becomes the owner: no password or login needed on any server.
    return empty_db, empty_db + "?options=" + quote(f"-c role={OWNER}")


def as_app(conn: psycopg.Connection, user: str | None) -> None:
    conn.execute("select set_config('role', 'progflow_app', true), set_config('progflow.user_id', %s, true)",
                 (user or "",))


def test_an_ordinary_owner_deploys_and_the_backend_plays_under_forced_row_level_security(run, owned_db):
    superuser_uri, owner_uri = owned_db
    run(["deploy", "--target", owner_uri, "--verify"])
    run(["seed", "--target", owner_uri])
    alice, bob = "6384e2b2-184b-cbf5-8ecc-f10ca7a6563c", "9f9d51bc-70ef-21ca-5c14-f307980a29d8"
    with psycopg.connect(superuser_uri) as conn:
        assert conn.execute("select pg_get_userbyid(relowner) from pg_class where oid = 'progflow.users'::regclass"
                            ).fetchone()[0] == OWNER
        for user in (alice, bob):
            with conn.transaction():
                as_app(conn, user)
                conn.execute("insert into progflow.users (id, email, username) values (%s, %s, %s)",
                             (user, f"{user[:8]}@example.org", f"u{user[:8]}"))
        with conn.transaction():
            as_app(conn, alice)
            challenge = conn.execute("select challenge_id from progflow.recommend_challenges(%s) limit 1",
                                     (alice,)).fetchone()[0]
            passed, xp = conn.execute(
                "select passed, xp_earned from progflow.submit_level_attempt(%s, %s, 1, '{}', '[]', 90)",
                (alice, challenge)).fetchone()
            assert passed and xp > 0
            assert conn.execute("select count(*) from progflow.user_stats").fetchone()[0] == 1
            total = conn.execute("select total_xp from progflow.user_stats where user_id = %s", (alice,)).fetchone()[0]
            assert total == conn.execute("select sum(amount) from progflow.xp_transactions").fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="may not act for user"), conn.transaction():
            as_app(conn, alice)
            conn.execute("select * from progflow.submit_level_attempt(%s, %s, 1, '{}', '[]', 90)", (bob, challenge))
        with conn.transaction():
            as_app(conn, None)
            assert conn.execute("select count(*) from progflow.users").fetchone()[0] == 0


def test_a_database_deployed_by_another_owner_equals_the_sources(run, owned_db):
    """Owners, grants and policies (named for the deploying role) are compared with the owner set aside."""
    superuser_uri, owner_uri = owned_db
    run(["deploy", "--target", owner_uri])
    result = run(["diff", "--target", superuser_uri, "--check"])
    assert "No differences" in result.stdout


def test_revert_leaves_the_cluster_roles_and_restores_default_privileges(run, owned_db):
    superuser_uri, owner_uri = owned_db
    run(["deploy", "--target", owner_uri])
    run(["revert", "--target", owner_uri, "-y"])
    with psycopg.connect(superuser_uri) as conn:
        roles = conn.execute("select count(*) from pg_roles where rolname in "
                             "('progflow_readonly', 'progflow_app', 'progflow_service')").fetchone()[0]
        assert roles == 3
        assert conn.execute("select count(*) from pg_default_acl").fetchone()[0] == 0
        assert conn.execute("select to_regnamespace('progflow')").fetchone()[0] is None
