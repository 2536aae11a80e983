"""progflow tag and progflow rework: Sqitch's rework semantics, usable by either tool."""

import psycopg
import pytest

from conftest import ROOT

AWARD = "functions/progflow/award_xp.sql"


def body(uri: str) -> str:
    with psycopg.connect(uri) as conn:
        return conn.execute("select prosrc from pg_proc where proname = 'award_xp'").fetchone()[0]


def test_a_reworked_function_deploys_and_reverts_with_both_tools(run, sqitch, pg, project_copy, empty_db):
    last = [line for line in (project_copy / "migrations" / "sqitch.plan").read_text().splitlines() if line][-1]
    run(["tag", "v9.0.0", "-n", "A release"], project=project_copy)
    path = project_copy / AWARD
    path.write_text(path.read_text().replace("  v_id uuid;\nbegin\n", "  v_id uuid;\nbegin\n  -- reworked\n", 1))
    result = run(["rework", "functions/award_xp", "-n", "Say where XP comes from"], project=project_copy)
    assert "Added functions/award_xp [functions/award_xp@v9.0.0]" in result.stdout

    plan = (project_copy / "migrations" / "sqitch.plan").read_text().splitlines()
    assert plan[-3] == last and plan[-2].startswith("@v9.0.0 ") and plan[-2].endswith("# A release")
    assert plan[-1].startswith("functions/award_xp [functions/award_xp@v9.0.0] ")
    top = project_copy / "migrations"
    old = (ROOT / "migrations" / "deploy" / "functions" / "award_xp.sql").read_text()
    assert (top / "deploy" / "functions" / "award_xp@v9.0.0.sql").read_text() == old
    assert "-- reworked" in (top / "deploy" / "functions" / "award_xp.sql").read_text()
    revert = (top / "revert" / "functions" / "award_xp.sql").read_text()
    assert revert.startswith("-- Revert progflow:functions/award_xp from pg: deploys the version of @v9.0.0 again")
    assert "-- reworked" not in revert and "create or replace function progflow.award_xp(" in revert
    run(["diff", "--check", "--server", pg.uri(pg.maintenance_db)], project=project_copy)

    run(["deploy", "--target", empty_db, "--verify"], project=project_copy)
    assert "-- reworked" in body(empty_db)
    # The earlier instance's verify proves the version the rework replaced: neither tool runs it.
    (top / "verify" / "functions" / "award_xp@v9.0.0.sql").write_text("begin;\nselect 1 / 0;\nrollback;\n")
    verified = run(["verify", "--target", empty_db], project=project_copy).stdout
    assert "functions/award_xp@v9.0.0 .. reworked later: its latest instance is verified" in verified
    sqitch("verify", empty_db, project=project_copy)
    run(["revert", "--target", empty_db, "-y", "--to", "@v9.0.0"], project=project_copy)
    assert "-- reworked" not in body(empty_db)
    sqitch("deploy", empty_db, "--verify", project=project_copy)
    assert "-- reworked" in body(empty_db)
    sqitch("verify", empty_db, project=project_copy)
    sqitch("revert", empty_db, "-y", "--to", "@v9.0.0", project=project_copy)
    assert "-- reworked" not in body(empty_db)
    run(["deploy", "--target", empty_db], project=project_copy)
    assert "Nothing to deploy (up-to-date)" in run(["status", "--target", empty_db], project=project_copy).stdout


VIEW = "views/progflow/challenge_prerequisites_status.sql"  # its source says `create view`


def columns(uri: str) -> list[str]:
    with psycopg.connect(uri) as conn:
        return [r[0] for r in conn.execute(
            "select attname from pg_attribute where attrelid = 'progflow.challenge_prerequisites_status'::regclass"
            " and attnum > 0 order by attnum")]


def test_a_reworked_view_is_made_again_with_both_tools(run, sqitch, pg, project_copy, empty_db):
    """A view rework that drops a column (create or replace cannot) from a source written as `create view`."""
    run(["tag", "v9.0.0"], project=project_copy)
    path = project_copy / VIEW
    text = path.read_text().replace("       c.prerequisites,\n", "", 1)
    path.write_text("\n".join(line for line in text.splitlines() if ".prerequisites is E" not in line) + "\n")
    run(["rework", "views/challenge_prerequisites_status", "-n", "Without the raw id list"], project=project_copy)
    top = project_copy / "migrations"
    for kind in ("deploy", "revert"):
        assert "drop view progflow.challenge_prerequisites_status;" in \
            (top / kind / "views" / "challenge_prerequisites_status.sql").read_text(), kind
    run(["diff", "--check", "--server", pg.uri(pg.maintenance_db)], project=project_copy)

    full = ["challenge_id", "challenge_slug", "user_id", "prerequisites", "prerequisite_status", "all_met"]
    reworked = [c for c in full if c != "prerequisites"]
    run(["deploy", "--target", empty_db, "--verify"], project=project_copy)
    assert columns(empty_db) == reworked
    run(["revert", "--target", empty_db, "-y", "--to", "@v9.0.0"], project=project_copy)
    assert columns(empty_db) == full
    sqitch("deploy", empty_db, "--verify", project=project_copy)
    assert columns(empty_db) == reworked
    sqitch("verify", empty_db, project=project_copy)
    sqitch("revert", empty_db, "-y", "--to", "@v9.0.0", project=project_copy)
    assert columns(empty_db) == full
    with psycopg.connect(empty_db) as conn:  # made again with its grant
        assert conn.execute("select has_table_privilege('progflow_readonly', "
                            "'progflow.challenge_prerequisites_status', 'select')").fetchone()[0]


def test_a_reworked_table_keeps_copies_to_edit(run, project_copy):
    run(["tag", "v9.0.0"], project=project_copy)
    result = run(["rework", "tables/notifications"], project=project_copy)
    assert "Edit the deploy and verify scripts" in result.stdout
    top = project_copy / "migrations"
    assert (top / "deploy" / "tables" / "notifications.sql").read_text() == \
        (top / "deploy" / "tables" / "notifications@v9.0.0.sql").read_text()


@pytest.mark.parametrize("args, message", [
    (["rework", "functions/nothing_like_it"], "functions/nothing_like_it is not in the plan"),
    (["tag", "1 bad"], "is not a valid tag name"),
])
def test_refusals(run, project_copy, args, message):
    plan = (project_copy / "migrations" / "sqitch.plan").read_text()
    assert message in run(args, code=2, project=project_copy).stderr
    assert (project_copy / "migrations" / "sqitch.plan").read_text() == plan


def test_a_second_rework_needs_a_tag_after_the_first(run, project_copy):
    run(["rework", "functions/xp_for_level"], project=project_copy)  # the release tag follows its first instance
    plan = (project_copy / "migrations" / "sqitch.plan").read_text()
    result = run(["rework", "functions/xp_for_level"], code=2, project=project_copy)
    assert "cannot rework functions/xp_for_level without a tag after its last instance" in result.stderr
    assert (project_copy / "migrations" / "sqitch.plan").read_text() == plan


def test_a_tag_name_is_used_once(run, project_copy):
    run(["tag", "v9.0.0"], project=project_copy)
    assert "tag @v9.0.0 is already in the plan" in run(["tag", "v9.0.0"], code=2, project=project_copy).stderr


def test_a_rework_never_overwrites_kept_scripts(run, project_copy):
    run(["tag", "v9.0.0"], project=project_copy)
    kept = project_copy / "migrations" / "revert" / "functions" / "award_xp@v9.0.0.sql"
    kept.write_text("-- already here\n")
    result = run(["rework", "functions/award_xp"], code=2, project=project_copy)
    assert "migrations/revert/functions/award_xp@v9.0.0.sql exists already" in result.stderr
    assert kept.read_text() == "-- already here\n"
