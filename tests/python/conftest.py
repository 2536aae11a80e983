"""Fixtures for the Python suites: the CLI, Debian's sqitch, throwaway projects, catalogue snapshots."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
import urllib.parse
import uuid
from pathlib import Path

import psycopg
import pytest
from click.testing import CliRunner

from progflow import catalog
from progflow.target import sqitch_target
from progflow.cli import cli as progflow_cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def run(monkeypatch):
    """Invoke progflow in-process: run(args, code=0, project=ROOT) -> result; asserts the exit code."""
    for var in ("PROGFLOW_TARGET", "DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)

    def invoke(args: list[str], code: int = 0, project: Path = ROOT, env: dict | None = None):
        runner = CliRunner()
        result = runner.invoke(progflow_cli, args, env={"PROGFLOW_PROJECT": str(project), **(env or {})})
        assert result.exit_code == code, (
            f"progflow {' '.join(args)} exited {result.exit_code}, expected {code}\n"
            f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\n{result.exception!r}"
        )
        return result

    return invoke




@pytest.fixture(scope="session")
def sqitch_bin() -> str:
    path = shutil.which("sqitch")
    if path is None:
        pytest.fail("Debian's sqitch is needed for the interoperability tests: apt-get install sqitch libdbd-pg-perl")
    return path


@pytest.fixture
def sqitch(sqitch_bin):
    """Run Debian's sqitch on a project against a libpq URI: sqitch(cmd, uri, *args, code=0, project=ROOT)."""

    def invoke(command: str, uri: str, *args: str, code: int = 0, project: Path = ROOT):
        done = subprocess.run([sqitch_bin, command, *args, sqitch_target(uri)], cwd=project,
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == code, (
            f"sqitch {command} exited {done.returncode}, expected {code}\n{done.stdout}\n{done.stderr}"
        )
        return done

    return invoke


@pytest.fixture
def make_project(tmp_path):
    """Write a small Sqitch project: make_project({name: (deploy_sql, revert_sql, verify_sql)}, requires={})."""

    def make(changes: dict[str, tuple[str, str, str]], requires: dict[str, list[str]] | None = None,
             wrap: bool = True) -> Path:
        root = tmp_path / "project"
        top = root / "migrations"
        (root).mkdir(exist_ok=True)
        (root / "sqitch.conf").write_text("[core]\n\tengine = pg\n\ttop_dir = migrations\n")
        lines = ["%syntax-version=1.0.0", "%project=scratch", ""]
        for i, (name, (deploy, revert, verify)) in enumerate(changes.items()):
            deps = (requires or {}).get(name, [])
            dep_text = f" [{' '.join(deps)}]" if deps else ""
            lines.append(f"{name}{dep_text} 2026-01-{i + 1:02d}T00:00:00Z Test <test@example.org> # {name}")
            for kind, body, closing in (("deploy", deploy, "commit"), ("revert", revert, "commit"),
                                        ("verify", verify, "rollback")):
                path = top / kind / f"{name}.sql"
                path.parent.mkdir(parents=True, exist_ok=True)
                text = textwrap.dedent(body).strip() + "\n"
                path.write_text(f"-- {kind} {name}\nbegin;\n{text}{closing};\n" if wrap else f"-- {kind} {name}\n{text}")
        (top / "sqitch.plan").write_text("\n".join(lines) + "\n")
        return root

    return make


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project (sources, migrations, docs, configuration) that a test may edit."""
    root = tmp_path / "project"
    for part in ("sql", "functions", "views", "migrations", "docs"):
        shutil.copytree(ROOT / part, root / part)
    for name in ("sqitch.conf", ".sqlfluff", ".squawk.toml"):
        shutil.copy(ROOT / name, root / name)
    return root


def snapshot(uri: str) -> dict:
    """Everything about schema progflow that deploy and revert must reproduce exactly."""
    with psycopg.connect(uri) as conn:
        return catalog.snapshot(conn)


def registry_rows(uri: str) -> dict[str, list[tuple]]:
    """The registry's rows that both tools must write alike (who and when left out)."""
    with psycopg.connect(uri) as conn:
        return {
            "changes": conn.execute("select change_id, script_hash, change, project, note, planned_at, planner_name, "
                                    "planner_email from sqitch.changes order by committed_at").fetchall(),
            "dependencies": conn.execute("select change_id, type, dependency, dependency_id from sqitch.dependencies "
                                         "order by 1, 3").fetchall(),
            "tags": conn.execute("select tag_id, tag, change_id, note from sqitch.tags order by 1").fetchall(),
            "projects": conn.execute("select project, uri from sqitch.projects").fetchall(),
            "releases": conn.execute("select version from sqitch.releases").fetchall(),
        }


@pytest.fixture
def backend(deployed_db):
    """A backend's two login roles on a deployed database with the test catalogue, and ten users.

    Gives (admin_uri, logins, users): `logins["app"]` is a login role in progflow_app (as a web
    backend connects), `logins["auth"]` one in progflow_service (its sign-in service); `users` are
    the ids of pooled0 … pooled9 (emails pooledN@example.org).
    """
    suffix = uuid.uuid4().hex[:8]
    logins = {"app": f"t_app_{suffix}", "auth": f"t_auth_{suffix}"}
    with psycopg.connect(deployed_db, autocommit=True) as admin:
        admin.execute(f"create role {logins['app']} login in role progflow_app")
        admin.execute(f"create role {logins['auth']} login in role progflow_service")
        admin.execute("select tests.load_catalogue()")
        users = [admin.execute("select tests.create_user(%s)", (f"pooled{n}",)).fetchone()[0] for n in range(10)]
    yield deployed_db, logins, users
    with psycopg.connect(deployed_db, autocommit=True) as admin:
        for role in logins.values():
            admin.execute(f"drop role {role}")


def as_login(uri: str, role: str) -> str:
    """The same server and database as the URI `uri`, as another (password-less, trusted) login role."""
    parts = urllib.parse.urlsplit(uri)
    return parts._replace(netloc=f"{role}@{parts.netloc.rpartition('@')[2]}").geturl()
