"""Behind a transaction-mode pooler the acting user set for one transaction does not reach the next."""

import uuid

import psycopg


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
