"""progflow diff --draft: a change written from the difference between the migrations and the sources."""

import pytest

from conftest import snapshot
from progflow import diff, project

USERS = "sql/progflow/tables/users.sql"


def edit(root, rel, old, new):
    path = root / rel
    text = path.read_text()
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1))


def add_nickname(root):
    """Add a column at the end of users (with its comment) and change a function's body."""
    edit(root, USERS, "  constraint users_pkey", "  nickname             varchar(40),\n  constraint users_pkey")
    with (root / USERS).open("a") as f:
        f.write("\ncomment on column progflow.users.nickname is 'A name the user picks to be shown by.';\n")
    edit(root, "functions/progflow/award_xp.sql", "  v_id uuid;\nbegin\n",
         "  v_id uuid;\nbegin\n  -- XP arrives through this function only.\n")


def draft(run, pg, root, name, *args, code=0):
    return run(["diff", "--server", pg.uri(pg.maintenance_db), "--draft", name, *args], code=code, project=root)


def test_a_drafted_change_deploys_verifies_and_reverts_with_both_tools(run, sqitch, pg, project_copy, empty_db):
    add_nickname(project_copy)
    before_plan = (project_copy / "migrations" / "sqitch.plan").read_text()
    result = draft(run, pg, project_copy, "users-nickname", "-n", "Users pick a nickname")
    assert "Added users-nickname to migrations/sqitch.plan" in result.stdout
    plan = (project_copy / "migrations" / "sqitch.plan").read_text()
    assert plan.startswith(before_plan) and plan[len(before_plan):].startswith("users-nickname ")
    assert plan.rstrip().endswith("# Users pick a nickname")

    deploy = (project_copy / "migrations" / "deploy" / "users-nickname.sql").read_text()
    assert "alter table progflow.users add column nickname character varying(40);" in deploy
    assert "create or replace function progflow.award_xp(" in deploy
    assert f"-- source: {USERS} sha256:" in deploy and "-- source: functions/progflow/award_xp.sql sha256:" in deploy
    assert "drop column nickname" in (project_copy / "migrations" / "revert" / "users-nickname.sql").read_text()
    verify = (project_copy / "migrations" / "verify" / "users-nickname.sql").read_text()
    assert "'character varying(40)'" in verify and "progflow.award_xp(uuid,integer,text,text,text)" in verify

    # The sources and the migrations now agree, no source is stale, and the new scripts lint clean.
    run(["diff", "--check", "--server", pg.uri(pg.maintenance_db)], project=project_copy)
    run(["lint", str(project_copy / "migrations" / "deploy" / "users-nickname.sql")], project=project_copy)

    before = project.load(project_copy).plan.changes[-2].id  # the plan's last change before the draft
    run(["deploy", "--target", empty_db, "--to", before], project=project_copy)
    previous = snapshot(empty_db)
    run(["deploy", "--target", empty_db, "--verify"], project=project_copy)
    run(["verify", "--target", empty_db], project=project_copy)
    assert "users.nickname" in snapshot(empty_db)["column"]
    run(["revert", "--target", empty_db, "-y", "--to", before], project=project_copy)
    assert snapshot(empty_db) == previous

    sqitch("deploy", empty_db, "--verify", project=project_copy)
    sqitch("verify", empty_db, project=project_copy)
    sqitch("revert", empty_db, "-y", "--to", before, project=project_copy)
    assert snapshot(empty_db) == previous


def test_a_destructive_draft_is_refused_unless_allowed(run, sqitch, pg, project_copy, empty_db):
    add_nickname(project_copy)
    draft(run, pg, project_copy, "users-nickname")
    edit(project_copy, USERS, "  nickname             varchar(40),\n", "")
    edit(project_copy, USERS, "\ncomment on column progflow.users.nickname is 'A name the user picks to be shown by.';\n", "")
    plan = (project_copy / "migrations" / "sqitch.plan").read_text()

    result = draft(run, pg, project_copy, "users-drop-nickname", code=1)
    assert "refusing to draft users-drop-nickname: 1 statements would lose data" in result.stderr
    assert 'alter table "progflow"."users" drop column "nickname";' in result.stderr
    assert "--allow-destructive" in result.stderr
    assert (project_copy / "migrations" / "sqitch.plan").read_text() == plan
    assert not (project_copy / "migrations" / "deploy" / "users-drop-nickname.sql").exists()

    result = draft(run, pg, project_copy, "users-drop-nickname", "--allow-destructive")
    assert "the revert cannot restore it" in result.stderr
    revert = (project_copy / "migrations" / "revert" / "users-drop-nickname.sql").read_text()
    assert "cannot restore" in revert and "raise warning" in revert
    assert "(count(*) = 0)" in (project_copy / "migrations" / "verify" / "users-drop-nickname.sql").read_text()

    run(["deploy", "--target", empty_db, "--verify"], project=project_copy)
    assert "users.nickname" not in snapshot(empty_db)["column"]
    run(["revert", "--target", empty_db, "-y", "--to", "users-nickname"], project=project_copy)
    assert "users.nickname" in snapshot(empty_db)["column"]
    sqitch("deploy", empty_db, "--verify", project=project_copy)


def test_nothing_to_draft_writes_nothing(run, pg, project_copy):
    plan = (project_copy / "migrations" / "sqitch.plan").read_text()
    assert "Nothing to draft" in draft(run, pg, project_copy, "empty").stdout
    assert (project_copy / "migrations" / "sqitch.plan").read_text() == plan


def test_a_column_declared_in_the_middle_cannot_be_drafted(run, pg, project_copy):
    edit(project_copy, USERS, "  avatar_url ", "  nickname             varchar(40),\n  avatar_url ")
    result = draft(run, pg, project_copy, "users-nickname", code=1)
    assert "declare new columns at the end of the table" in result.stderr
    assert not (project_copy / "migrations" / "deploy" / "users-nickname.sql").exists()


def test_a_draft_is_not_also_a_check(run, project_copy):
    result = run(["diff", "--draft", "x", "--check"], code=2, project=project_copy)
    assert "--draft compares the migrations with the sources" in result.stderr


@pytest.mark.parametrize("name, message", [
    ("tables/users", "is already in the plan"),
    ("bad name", "is not a valid change name"),
])
def test_a_bad_draft_name_is_refused_before_any_work(run, project_copy, name, message):
    result = run(["diff", "--server", "postgresql://nobody@127.0.0.1:1/none", "--draft", name], code=2, project=project_copy)
    assert message in result.stderr


@pytest.mark.parametrize("statement, old, lossy", [
    ('alter table "progflow"."t" drop column "c";', "text", True),
    ('drop table "progflow"."t";', "text", True),
    ('alter table "progflow"."t" alter column "c" set data type character varying(100) using "c"::character varying(100);',
     "character varying(200)", True),
    ('alter table "progflow"."t" alter column "c" set data type character varying(300) using "c"::character varying(300);',
     "character varying(200)", False),
    ('alter table "progflow"."t" alter column "c" set data type text using "c"::text;', "character varying(200)", False),
    ('alter table "progflow"."t" alter column "c" set data type bigint using "c"::bigint;', "integer", False),
    ('alter table "progflow"."t" alter column "c" set data type integer using "c"::integer;', "bigint", True),
    ('alter table "progflow"."t" alter column "c" set data type date using "c"::date;', "timestamp with time zone", True),
    ('alter table "progflow"."t" add column "d" text;', "text", False),
    ('drop index "progflow"."t_c_idx";', "text", False),
])
def test_statements_that_lose_data(statement, old, lossy):
    columns = {"t.c": (1, old, False, "", "", "")}
    assert diff.destructive_statements([statement], columns) == ([statement] if lossy else [])
