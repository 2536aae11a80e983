"""Database errors at the command line: exit 2 with one line and a hint, never a traceback.

A deploy whose session is killed mid-change leaves a consistent registry and can be run again;
a statement the server refuses is reported with its SQLSTATE.
"""

import os
import subprocess
import sys
import time
import uuid

import psycopg

# The change sleeps only in sessions started with this setting (see PGOPTIONS below), so the
# second deploy runs it at once.
SLOW_DEPLOY = """
    create table public.slow (id int);
    select pg_sleep(coalesce(current_setting('t.sleep', true), '0')::float8);
"""


def _progflow(project, *args, extra_env=None):
    """progflow in a process of its own, as a user runs it: what reaches stderr is what they see."""
    env = {k: v for k, v in os.environ.items() if k not in ("PROGFLOW_TARGET", "DATABASE_URL")}
    env.update(PROGFLOW_PROJECT=str(project), **(extra_env or {}))
    return subprocess.Popen([sys.executable, "-m", "progflow.cli", *args], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _sleeping_backend(conn, dbname, proc, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = conn.execute("select pid from pg_stat_activity where datname = %s and state = 'active' "
                           "and query like %s and pid <> pg_backend_pid()", (dbname, "%pg_sleep%")).fetchone()
        if row:
            return row[0]
        assert proc.poll() is None, f"deploy ended before its change slept:\n{proc.communicate()}"
        time.sleep(0.1)
    raise AssertionError("the deploy's change never started sleeping")


def _deployed(uri):
    """The registry's deployed changes, and whether the change's table exists."""
    with psycopg.connect(uri) as conn:
        changes = [r[0] for r in conn.execute("select change from sqitch.changes order by committed_at")]
        return changes, conn.execute("select to_regclass('public.slow') is not null").fetchone()[0]


def test_a_deploy_whose_backend_is_terminated_exits_2_with_one_line(make_project, empty_db):
    root = make_project({"slow": (SLOW_DEPLOY, "drop table public.slow;", "select id from public.slow;")})
    dbname = empty_db.rsplit("/", 1)[1]
    proc = _progflow(root, "deploy", "--target", empty_db, extra_env={"PGOPTIONS": "-c t.sleep=30"})
    try:
        with psycopg.connect(empty_db, autocommit=True) as conn:
            pid = _sleeping_backend(conn, dbname, proc)
            assert conn.execute("select pg_terminate_backend(%s)", (pid,)).fetchone()[0]
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()

    assert proc.returncode == 2, f"exit {proc.returncode}\nstdout:\n{stdout}\nstderr:\n{stderr}"
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    errors = [line for line in lines if line.startswith("Error:")]
    assert len(errors) == 1, stderr
    assert "connection" in errors[0] and "SQLSTATE 57P01" in errors[0], stderr
    assert [line for line in lines if line.startswith("hint:")], stderr
    assert len(lines) == 2, stderr
    assert _deployed(empty_db) == ([], False)  # the change was rolled back with its session

    again = _progflow(root, "deploy", "--target", empty_db)
    stdout, stderr = again.communicate(timeout=60)
    assert again.returncode == 0, f"stdout:\n{stdout}\nstderr:\n{stderr}"
    assert _deployed(empty_db) == (["slow"], True)


def test_a_statement_the_server_refuses_exits_2_with_its_sqlstate(run, pg, deployed_db):
    role = f"t_nopriv_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        conn.execute(f"create role {role} login")
    try:
        uri = deployed_db.replace(f"//{pg.user}@", f"//{role}@", 1)
        result = run(["status", "--target", uri], code=2)
    finally:
        with psycopg.connect(deployed_db, autocommit=True) as conn:
            conn.execute(f"drop role {role}")
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: status: the database refused a statement: permission denied"), result.stderr
    assert "(SQLSTATE 42501)" in lines[0] and lines[1].startswith("hint: ") and len(lines) == 2, result.stderr
