"""The catalogue: valid data, stable ids, idempotent upserts, deactivation, progress kept."""

import shutil
import subprocess

import psycopg
import pytest
import yaml

from conftest import ROOT
from progflow import seed

SEED = ROOT / "seed"
CATALOGUE_TABLES = ("learning_tracks", "skills", "achievements", "challenges", "assessment_questions")


def load_into(uri, seed_dir=SEED):
    with psycopg.connect(uri, autocommit=True) as conn:
        return seed.load_and_apply(conn, seed_dir)


def rows_with_versions(uri):
    """Every catalogue row with its physical position and creating transaction: equal only if untouched."""
    with psycopg.connect(uri) as conn:
        rows = {t: conn.execute(f"select ctid::text, xmin::text, r::text from progflow.{t} r order by slug").fetchall()
                for t in CATALOGUE_TABLES}
        rows["challenge_levels"] = conn.execute(
            "select ctid::text, xmin::text, r::text from progflow.challenge_levels r order by id").fetchall()
        return rows


def test_the_catalogue_is_valid_and_complete(run):
    assert "3 tracks, 61 challenges (305 levels), 18 skills, 43 achievements, 10 assessment questions" in run(["seed", "--check"]).stdout
    catalogue = seed.load(SEED)
    assert [t["slug"] for t in catalogue.tracks] == ["fundamentals", "concepts", "systems"]
    assert len(catalogue.achievements) >= 40
    assert {a["criteria"]["type"] for a in catalogue.achievements} == seed.CRITERIA_TYPES
    ui_catalogue = {  # the 27 achievements of the original UI, all kept
        "first_challenge", "first_perfect", "first_level", "challenge_5", "challenge_10", "challenge_25",
        "challenge_50", "challenge_61", "speed_demon", "no_hints_master", "perfect_5", "perfect_10", "streak_3",
        "streak_7", "streak_14", "streak_30", "streak_100", "fundamentals_complete", "concepts_complete",
        "systems_complete", "level_10", "level_25", "level_50", "level_100", "xp_10000", "early_bird", "night_owl"}
    assert ui_catalogue <= {a["slug"] for a in catalogue.achievements}


def test_seeding_twice_changes_nothing_and_ids_are_stable(deployed_db):
    first = load_into(deployed_db)
    assert first["achievements"] == {"inserted": 43, "updated": 0}
    before = rows_with_versions(deployed_db)
    second = load_into(deployed_db)
    assert all(c == {"inserted": 0, "updated": 0} for c in second.values())
    assert rows_with_versions(deployed_db) == before
    with psycopg.connect(deployed_db) as conn:
        ids = dict(conn.execute("select slug, id::text from progflow.achievements").fetchall())
    assert ids["first_challenge"] == seed.row_id("achievement", "first_challenge")


def test_edits_update_and_removals_deactivate_keeping_progress(deployed_db, tmp_path):
    load_into(deployed_db)
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        user = conn.execute("insert into progflow.users (email, username) values ('ada@example.org', 'ada') returning id").fetchone()[0]
        conn.execute("select progflow.award_xp(%s, 1000, 'admin')", (user,))  # crosses level_5 and xp_1000
        assert conn.execute("select array_agg(a.slug order by a.slug) from progflow.user_achievements ua"
                            " join progflow.achievements a on a.id = ua.achievement_id where ua.user_id = %s",
                            (user,)).fetchone()[0] == ["level_5", "xp_1000"]  # 1,000 XP is player level 5
        progress = conn.execute("select total_xp, current_level from progflow.user_stats where user_id = %s", (user,)).fetchone()

    edited = tmp_path / "seed"
    shutil.copytree(SEED, edited)
    path = edited / "data" / "achievements.yaml"
    entries = yaml.safe_load(path.read_text())
    entries = [e for e in entries if e["slug"] != "xp_1000"]
    next(e for e in entries if e["slug"] == "streak_3")["name"] = "Three in a Row"
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False))

    skills_path = edited / "data" / "skills.yaml"
    skills = [s for s in yaml.safe_load(skills_path.read_text()) if s["slug"] != "event_driven"]
    skills_path.write_text(yaml.safe_dump(skills, allow_unicode=True, sort_keys=False))

    counts = load_into(deployed_db, edited)
    assert counts["achievements"] == {"inserted": 0, "updated": 2}  # the edit, and the deactivation
    assert counts["skills"] == {"inserted": 0, "updated": 1}
    with psycopg.connect(deployed_db) as conn:
        assert conn.execute("select name from progflow.achievements where slug = 'streak_3'").fetchone()[0] == "Three in a Row"
        assert conn.execute("select is_active from progflow.achievements where slug = 'xp_1000'").fetchone()[0] is False
        assert conn.execute("select is_active from progflow.skills where slug = 'event_driven'").fetchone()[0] is False
        assert conn.execute("select count(*) from progflow.user_achievements").fetchone()[0] == 2  # kept
        assert conn.execute("select total_xp, current_level from progflow.user_stats where user_id = %s",
                            (user,)).fetchone() == progress
    assert load_into(deployed_db)["achievements"] == {"inserted": 0, "updated": 2}  # xp_1000 active again, the name restored


def test_rewritten_levels_are_updated_in_place_and_progress_stays(deployed_db, tmp_path):
    """A course text rewrite (issue: levels written per system) reseeds the same 305 rows: same ids, learners untouched."""
    load_into(deployed_db)
    tinyurl = seed.row_id("challenge", "tinyurl")
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        user = conn.execute("insert into progflow.users (email, username) values ('cy@example.org', 'cyd') returning id").fetchone()[0]
        conn.execute("select progflow.use_hint(%s, %s, 1)", (user, tinyurl))
        conn.execute("select * from progflow.submit_level_attempt(%s, %s, 1, '{}', '[]', 90, 20)", (user, tinyurl))
        learner = ("select (p.*)::text, (s.*)::text from progflow.user_challenge_progress p"
                   " join progflow.user_stats s using (user_id) where p.user_id = %s and p.challenge_id = %s")
        before = conn.execute(learner, (user, tinyurl)).fetchone()
        level_ids = conn.execute("select array_agg(id order by level_number) from progflow.challenge_levels"
                                 " where challenge_id = %s", (tinyurl,)).fetchone()[0]

    edited = tmp_path / "seed"
    shutil.copytree(SEED, edited)
    path = edited / "data" / "challenges" / "tinyurl.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for n, written in enumerate(data["levels"], start=1):
        written["description"] = f"Revised for the second edition of the course, level {n}: " + written["description"]
        written["hints"][0] = "Start from the request a visitor makes most often. " + written["hints"][0]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    counts = load_into(deployed_db, edited)
    assert counts["challenge_levels"] == {"inserted": 0, "updated": 5}
    assert counts["challenges"] == {"inserted": 0, "updated": 0}
    with psycopg.connect(deployed_db) as conn:
        assert conn.execute(learner, (user, tinyurl)).fetchone() == before
        assert conn.execute("select array_agg(id order by level_number) from progflow.challenge_levels"
                            " where challenge_id = %s", (tinyurl,)).fetchone()[0] == level_ids
        assert conn.execute("select count(*) from progflow.challenge_levels").fetchone()[0] == 305
        hint = conn.execute("select hint from progflow.revealed_hints(%s, %s, 1)", (user, tinyurl)).fetchone()[0]
    assert hint.startswith("Start from the request a visitor makes most often.")  # the revealed hint, as now written


@pytest.mark.parametrize("file, mutate, message", [
    ("achievements.yaml", lambda d: d[0]["criteria"].update(type="speedrun"), "criteria type 'speedrun' is not one the engine evaluates"),
    ("achievements.yaml", lambda d: d[1].update(slug=d[0]["slug"]), "slug first_level appears twice"),
    ("achievements.yaml", lambda d: d[0].pop("name"), "first_level: name is missing"),
    ("achievements.yaml", lambda d: d[25]["criteria"].update(track="cooking"), "criteria track 'cooking' is not a track"),
    ("skills.yaml", lambda d: d[1]["prerequisites"].append("juggling"), "names 'juggling', which is not in skills.yaml"),
    ("skills.yaml", lambda d: d[0]["prerequisites"].append("distributed_cache"), "prerequisites form a cycle"),
    ("tracks.yaml", lambda d: d[0].update(difficulty_level="expert"), "difficulty_level must be fundamentals"),
    ("tracks.yaml", lambda d: d[0].update(estimated_hours="forty"), "estimated_hours should be int, not str"),
])
def test_bad_data_is_refused_naming_the_entry(tmp_path, file, mutate, message, run):
    bad = tmp_path / "seed"
    shutil.copytree(SEED, bad)
    data = yaml.safe_load((bad / "data" / file).read_text())
    mutate(data)
    (bad / "data" / file).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    with pytest.raises(seed.SeedError, match="problem") as raised:
        seed.load(bad)
    assert message in str(raised.value)


def test_seed_check_exits_1_and_seed_exits_2_on_bad_data(run, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "seed", project / "seed")
    shutil.copy(ROOT / "sqitch.conf", project / "sqitch.conf")
    shutil.copytree(ROOT / "migrations", project / "migrations")
    (project / "seed" / "data" / "tracks.yaml").write_text("not: a list\n")
    assert "expected a list of entries" in run(["seed", "--check"], code=1, project=project).stderr
    assert "expected a list of entries" in run(["seed", "--target", "postgresql://127.0.0.1:1/x"], code=2,
                                               project=project).stderr


def test_the_printed_sql_loads_with_psql(run, deployed_db):
    script = run(["seed", "--sql"]).stdout
    done = subprocess.run(["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-q", "-1", "-d", deployed_db],
                          input=script, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with psycopg.connect(deployed_db) as conn:
        assert conn.execute("select count(*) from progflow.achievements").fetchone()[0] == 43


def test_the_seeded_skill_tree_and_achievements_work_with_the_engine(deployed_db):
    load_into(deployed_db)
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        user = conn.execute("insert into progflow.users (email, username) values ('bo@example.org', 'bob') returning id").fetchone()[0]
        conn.execute("select progflow.award_xp(%s, 4500, 'admin')", (user,))  # level 10: three points
        with pytest.raises(psycopg.Error) as refused:
            conn.execute("select progflow.allocate_skill_point(%s, %s)", (user, seed.row_id("skill", "cache_invalidation")))
        assert refused.value.sqlstate == "PF004"
        assert conn.execute("select progflow.allocate_skill_point(%s, %s)",
                            (user, seed.row_id("skill", "caching_basics"))).fetchone()[0] == 1
        assert conn.execute("select progflow.allocate_skill_point(%s, %s)",
                            (user, seed.row_id("skill", "cache_invalidation"))).fetchone()[0] == 1
        # The award unlocked what it crossed; nothing is left for a full evaluation.
        unlocked = {r[0] for r in conn.execute("select a.slug from progflow.user_achievements ua"
                                               " join progflow.achievements a on a.id = ua.achievement_id"
                                               " where ua.user_id = %s", (user,))}
        assert [r for r in conn.execute("select progflow.evaluate_achievements(%s)", (user,))] == []
    assert unlocked == {"xp_1000", "level_5", "level_10"}  # 4,500 + 100 + 50 + 100 = 4,750: not yet xp_5000
