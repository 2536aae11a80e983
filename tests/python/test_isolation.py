"""Isolation specs run by PostgreSQL's own isolationtester; each output must match its expected file."""

import glob
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SPECS = sorted((ROOT / "tests" / "isolation" / "specs").glob("*.spec"))


@pytest.fixture(scope="session")
def isolationtester() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/lib/pgxs/src/test/isolation/isolationtester"))
    if not found:
        pytest.fail("isolationtester is needed: apt-get install postgresql-client-15")
    return found[-1]


@pytest.mark.parametrize("spec", SPECS, ids=[s.stem for s in SPECS])
def test_isolation_spec(spec: Path, isolationtester, pg):
    name = pg.create(template="progflow_tmpl", prefix="iso")
    try:
        conninfo = f"host={pg.host} port={pg.port} user={pg.user} dbname={name}"
        done = subprocess.run([isolationtester, conninfo], stdin=spec.open(), capture_output=True, text=True,
                              timeout=300)
    finally:
        pg.drop(name)
    expected = (ROOT / "tests" / "isolation" / "expected" / f"{spec.stem}.out").read_text()
    assert done.returncode == 0, done.stderr
    assert done.stdout == expected
