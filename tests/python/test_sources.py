"""Declarative sources, migrations and tests agree: one truth each, and nothing untested."""

import re
import shutil
import subprocess

import psycopg
import pytest

from conftest import ROOT, snapshot
from progflow import project, render

SOURCE_DIRS = ("sql", "functions", "views")


def source_files():
    return sorted(p.relative_to(ROOT).as_posix() for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.sql")
                  if p.name != "load.sql")


def test_load_sql_lists_every_source_once():
    lines = (ROOT / "sql" / "load.sql").read_text().splitlines()
    listed = [(ROOT / "sql" / line.split(None, 1)[1]).resolve().relative_to(ROOT).as_posix()
              for line in lines if line.startswith("\\ir ")]
    assert sorted(listed) == source_files()
    assert len(listed) == len(set(listed))


def test_sources_and_migrations_build_the_same_schema(empty_db, deployed_db):
    psql = shutil.which("psql")
    if psql is None:
        pytest.fail("psql is needed to load sql/load.sql (apt-get install postgresql-client-15)")
    done = subprocess.run([psql, "--no-psqlrc", "--quiet", "-v", "ON_ERROR_STOP=1", "-d", empty_db,
                           "-f", str(ROOT / "sql" / "load.sql")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert snapshot(empty_db) == snapshot(deployed_db)


def test_no_source_changed_since_its_latest_change():
    stale = render.stale_sources(project.load(ROOT))
    assert stale == [], "sources edited since their change was written; rework or add a change: " + ", ".join(stale)


def test_an_edited_source_is_reported_stale(tmp_path):
    import shutil

    copy = tmp_path / "project"
    for part in ("sql", "functions", "views", "migrations"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy(ROOT / "sqitch.conf", copy / "sqitch.conf")
    source = copy / "functions" / "progflow" / "rank_title.sql"
    source.write_text(source.read_text().replace("'Novice'", "'Beginner'"))
    assert render.stale_sources(project.load(copy)) == [
        "functions/progflow/rank_title.sql (latest change: functions/rank_title)"]


def test_every_object_has_its_own_pgtap_file(deployed_db):
    """An object added without a test fails here."""
    with psycopg.connect(deployed_db) as conn:
        objects = conn.execute("""
            select case c.relkind when 'v' then 'views' else 'tables' end, c.relname
              from pg_class c where c.relnamespace = 'progflow'::regnamespace
               and c.relkind in ('r', 'p', 'v', 'm') and not c.relispartition
            union
            select 'functions', p.proname from pg_proc p where p.pronamespace = 'progflow'::regnamespace
        """).fetchall()
    missing = [f"tests/pgtap/progflow/{kind}/{name}.sql" for kind, name in objects
               if not (ROOT / "tests" / "pgtap" / "progflow" / kind / f"{name}.sql").is_file()]
    assert missing == []


def test_every_raised_error_has_a_sqlstate_and_a_hint():
    """Backends match errors on SQLSTATE and show the hint: no raise may leave either out."""
    missing = []
    for path in sorted((ROOT / "functions").rglob("*.sql")):
        text = path.read_text()
        for match in re.finditer(r"raise exception .*?;", text, re.S | re.I):
            statement = match.group(0)
            if "errcode =" not in statement or "hint =" not in statement:
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{path.relative_to(ROOT)}:{line}")
    assert missing == []
