"""progflow check: what CI runs, one exit code; --format github annotates each problem at its file and line."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT

pytestmark = pytest.mark.one_server  # the checks are the tool's; the server only holds scratch databases

RANK_TITLE_VERIFY = "migrations/verify/functions/rank_title.sql"


def plant_lint_finding(project) -> int:
    """An upper-case keyword in a verify script (sqlfluff CP01); the line it is on."""
    path = project / RANK_TITLE_VERIFY
    lines = path.read_text().splitlines()
    at = lines.index("rollback;")
    lines.insert(at, "SELECT 1;")
    path.write_text("\n".join(lines) + "\n")
    return at + 1


def test_check_passes_on_the_project_and_annotates_a_planted_finding(run, pg, project_copy):
    server = pg.uri(pg.maintenance_db)
    shutil.copytree(ROOT / "seed", project_copy / "seed")
    assert "All checks passed" in run(["check", "--server", server], project=project_copy).stdout

    line = plant_lint_finding(project_copy)
    result = run(["check", "--format", "github", "--server", server], code=1, project=project_copy)
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::error ")]
    assert annotations, result.stdout
    assert any(a.startswith(f"::error file={RANK_TITLE_VERIFY},line={line},title=progflow lint%3A sqlfluff%3ACP01::")
               for a in annotations), annotations
    assert "1 problems (lint)" in result.stderr


def test_lint_and_diff_annotate_for_github(run, pg, project_copy):
    line = plant_lint_finding(project_copy)
    lint = run(["lint", RANK_TITLE_VERIFY, "--format", "github"], code=1, project=project_copy)
    assert f"::error file={RANK_TITLE_VERIFY},line={line},title=progflow lint%3A sqlfluff%3ACP01::" in lint.stdout

    source = project_copy / "functions" / "progflow" / "rank_title.sql"
    source.write_text(source.read_text().replace("'Novice'", "'Beginner'"))
    diff = run(["diff", "--check", "--format", "github", "--server", pg.uri(pg.maintenance_db)], code=1,
               project=project_copy)
    annotations = diff.stdout.splitlines()
    assert "::error file=functions/progflow/rank_title.sql,title=progflow diff%3A differs from the migrations" \
           "::function progflow.rank_title(integer): differs" in annotations
    assert any(a.startswith("::error file=functions/progflow/rank_title.sql,title=progflow diff%3A source edited "
                            "since its latest change::") for a in annotations)


def test_the_ci_workflow_in_the_docs_runs(pg):
    """docs/ci.md's workflow, its commands run in order against a test server as its service container."""
    import os
    import re
    import subprocess
    import sys
    from pathlib import Path

    import psycopg
    import yaml

    text = (ROOT / "docs" / "ci.md").read_text()
    workflow = yaml.safe_load(re.search(r"```yaml\n(.*?)```", text, re.S).group(1))
    job = workflow["jobs"]["database"]
    assert job["services"]["postgres"]["image"].startswith("postgres:")
    runs = [step["run"] for step in job["steps"] if "run" in step and not step["run"].startswith("pip install")]
    assert runs[0] == "progflow check --format github"
    env = dict(os.environ, PROGFLOW_TARGET=pg.uri(pg.maintenance_db), CI_DATABASE=pg.uri("progflow_ci"),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    env.pop("DATABASE_URL", None)
    try:
        for command in runs:
            done = subprocess.run(["bash", "-ec", command], cwd=ROOT, env=env, capture_output=True, text=True,
                                  timeout=600)
            assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    finally:
        with psycopg.connect(pg.uri(pg.maintenance_db), autocommit=True) as conn:
            conn.execute("drop database if exists progflow_ci with (force)")
