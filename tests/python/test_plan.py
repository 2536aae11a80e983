"""sqitch.plan parsing and Sqitch's id algorithm, checked against Debian's sqitch."""

import subprocess
from pathlib import Path

import pytest

from progflow import plan as plan_mod
from progflow.errors import PlanError

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]


def sqitch_ids(project_dir: Path, sqitch_bin: str) -> list[tuple[str, str, str]]:
    out = subprocess.run([sqitch_bin, "plan", "--format", "format:%H %n %t"], cwd=project_dir,
                         capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines():
        if line.strip() and not line.startswith("#"):
            parts = line.split(" ", 2)
            rows.append((parts[0], parts[1], parts[2].strip() if len(parts) > 2 else ""))
    return rows


def progflow_ids(plan: plan_mod.Plan) -> list[tuple[str, str, str]]:
    return [(c.id, c.name, ", ".join(f"@{t.name}" for t in c.tags)) for c in plan.changes]


@pytest.mark.parametrize("project_dir", [DATA / "idplan", ROOT], ids=["corner-cases", "progflow"])
def test_change_ids_match_sqitch(project_dir, sqitch_bin):
    plan = plan_mod.parse(project_dir / "migrations" / "sqitch.plan")
    assert progflow_ids(plan) == sqitch_ids(project_dir, sqitch_bin)


def test_corner_cases_are_parsed_as_sqitch_reads_them():
    plan = plan_mod.parse(DATA / "idplan" / "migrations" / "sqitch.plan")
    a1, b, c, de, a2 = plan.changes
    assert plan.uri == "HTTPS://Example.org:443/demo/"  # stored as written; hashed canonical
    assert plan_mod.canonical_uri(plan.uri) == "https://example.org/demo/"
    assert b.note == "esc \\ note" and c.note == "multi\nline"
    assert [d.as_string("demo") for d in c.requires] == ["b", "other:thing"]
    assert [d.as_string("demo") for d in c.conflicts] == ["x"]
    assert c.planner == "Zoë Ångström"
    assert a1.script_name == "a@v1" and a2.script_name == "a"  # the earlier instance of a rework
    assert de.script_name == "d/e"
    assert plan_mod.dependency_target(plan, de, de.requires[0]) is b  # b@v1
    assert plan_mod.dependency_target(plan, a2, a2.requires[0]) is a1  # a@v1 is the first a


@pytest.mark.parametrize("ref, expected", [
    ("a", 4), ("a@v1", 0), ("@v1", 1), ("@v2", 3), ("@HEAD", 4), ("@ROOT", 0), ("c^", 1), ("b~2", 3),
    ("477d967895c651659daa679f775a7ccdfea248dd", 0),
])
def test_references_resolve_like_sqitch(ref, expected):
    plan = plan_mod.parse(DATA / "idplan" / "migrations" / "sqitch.plan")
    assert plan.resolve(ref).index == expected


def test_unknown_reference_is_a_plan_error():
    plan = plan_mod.parse(DATA / "idplan" / "migrations" / "sqitch.plan")
    with pytest.raises(PlanError, match="no change 'zz'"):
        plan.resolve("zz")


@pytest.mark.parametrize("body, message", [
    ("a 2026-01-01T00:00:00Z A <a@b>\n", "no %project"),
    ("%project=p\n\n@t 2026-01-01T00:00:00Z A <a@b>\n", "tag cannot come before"),
    ("%project=p\n\nb [a] 2026-01-01T00:00:00Z A <a@b>\na 2026-01-02T00:00:00Z A <a@b>\n", "not planned before it"),
    ("%project=p\n\na 2026-01-01T00:00:00Z A <a@b>\na 2026-01-02T00:00:00Z A <a@b>\n", "planned twice with no tag"),
    ("%project=p\n\na 2026-01-01 A <a@b>\n", "cannot parse change line"),
    ("%project=p\n\na 2026-01-01T00:00:00Z A <a@b>\n%uri=x\n", "pragma may only appear in the header"),
    ("%syntax-version=2.0.0\n%project=p\n\n", "syntax version 2.0.0"),
])
def test_bad_plans_are_refused_with_the_line(tmp_path, body, message):
    path = tmp_path / "sqitch.plan"
    path.write_text(body)
    with pytest.raises(PlanError, match=message):
        plan_mod.parse(path)


def test_append_never_touches_earlier_lines(tmp_path):
    path = tmp_path / "sqitch.plan"
    original = "%project=p\n\na 2026-01-01T00:00:00Z A <a@b> # no newline at end"
    path.write_text(original)
    plan_mod.append_change(path, "b [a] 2026-01-02T00:00:00Z A <a@b>")
    assert path.read_text() == original + "\nb [a] 2026-01-02T00:00:00Z A <a@b>\n"
    assert [c.name for c in plan_mod.parse(path).changes] == ["a", "b"]
