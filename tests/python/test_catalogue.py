"""The course catalogue as seeded: the facts of the course, and a player who can finish all of it."""

import psycopg
import pytest

from conftest import ROOT
from progflow import seed

SEED = ROOT / "seed"


@pytest.fixture
def seeded_db(deployed_db):
    with psycopg.connect(deployed_db, autocommit=True) as conn:
        seed.load_and_apply(conn, SEED)
    return deployed_db


def test_sixty_one_challenges_in_three_tracks_with_305_levels(seeded_db):
    with psycopg.connect(seeded_db) as conn:
        q = conn.execute
        assert q("select count(*) from progflow.challenges where is_active").fetchone()[0] == 61
        assert q("select count(*) from progflow.challenge_levels").fetchone()[0] == 305
        assert q("""select array_agg(t.slug || ':' || n order by t.order_index) from (
                      select track_id, count(*) n from progflow.challenges group by 1) x
                    join progflow.learning_tracks t on t.id = x.track_id""").fetchone()[0] == \
            ["fundamentals:23", "concepts:7", "systems:31"]
        assert q("select count(*) from progflow.challenges where category = 'general' or category is null").fetchone()[0] == 0
        assert q("""select bool_and(xp_base = case difficulty_base when 'beginner' then 100 when 'intermediate' then 150
                                                                 else 200 end) from progflow.challenges""").fetchone()[0]
        bad_levels = q("""
            select c.slug, l.level_number from progflow.challenge_levels l join progflow.challenges c on c.id = l.challenge_id
             where l.xp_reward <> (c.xp_base * (array[1, 1.5, 2, 2.5, 3])[l.level_number])::int
                or l.level_name <> (array['Connectivity', 'Capacity', 'Optimization', 'Resilience', 'Excellence'])[l.level_number]
                or jsonb_array_length(l.test_cases) < 2 or jsonb_array_length(l.hints) <> 3
                or (l.passing_criteria ->> 'min_score')::numeric < 60
                or exists (select from jsonb_array_elements(l.test_cases) t
                            where jsonb_typeof(t -> 'name') <> 'string' or jsonb_typeof(t -> 'pass') <> 'object'
                               or jsonb_typeof(t -> 'traffic' -> 'rps') <> 'number')
                or exists (select from jsonb_array_elements(l.hints) h where jsonb_typeof(h) <> 'string')""").fetchall()
        assert bad_levels == []
        outside = q("""  -- a failure inside its test: steady state before it, time to measure the recovery after it
            select c.slug, l.level_number, t ->> 'name' from progflow.challenge_levels l
              join progflow.challenges c on c.id = l.challenge_id, jsonb_array_elements(l.test_cases) t
             where jsonb_typeof(t -> 'failure') = 'object'
               and ((t #>> '{failure,at_s}')::int < 10
                    or (t ->> 'duration_s')::int - coalesce((t #>> '{failure,recover_at_s}')::int, (t #>> '{failure,at_s}')::int) < 10
                    or (t #>> '{failure,recover_at_s}')::int <= (t #>> '{failure,at_s}')::int)""").fetchall()
        assert outside == []
        assert q("""select count(distinct solution_approach) = count(*) and count(distinct description) = count(*)
                      from progflow.challenge_levels""").fetchone()[0]
        assert q("select count(distinct level_number) from progflow.challenge_levels where jsonb_array_length(test_cases) >= 2"
                 ).fetchone()[0] == 5  # levels 4 and 5 have tests too


def test_prerequisites_and_unlock_rules_are_the_course_s(seeded_db):
    with psycopg.connect(seeded_db) as conn:
        edges = dict(conn.execute("""
            select c.slug, array_agg(p.slug order by p.slug)
              from progflow.challenges c, jsonb_array_elements_text(c.prerequisites) pre(id)
              join progflow.challenges p on p.id = pre.id::uuid group by 1""").fetchall())
        rules = dict(conn.execute("select slug, metadata -> 'unlock' from progflow.challenges where metadata ? 'unlock'").fetchall())
    assert edges == {"pastebin": ["tinyurl"], "instagram": ["pastebin", "tinyurl"], "twitter": ["instagram"],
                     "facebook": ["twitter"], "whatsapp": ["instagram"], "messenger": ["whatsapp"],
                     "youtube": ["instagram"], "netflix": ["youtube"]}
    l6 = {s: r for s, r in rules.items() if s.startswith("l6-")}
    assert len(l6) == 6 and all(r == {"min_level": 10, "track_progress": {"concepts": 75}} for r in l6.values())
    assert rules["active-active-regions"] == rules["cross-region-failover"] == {"track_progress": {"fundamentals": 50}}


def test_a_simulated_player_completes_every_challenge_and_track(seeded_db):
    with psycopg.connect(seeded_db, autocommit=True) as conn:
        # 305 attempts in a few seconds: the owner raises the rate limit (the clone is dropped afterwards).
        conn.execute("update progflow.game_settings set max_submissions_per_minute = 1000")
        user = conn.execute("insert into progflow.users (email, username) values ('pat@example.org', 'player') returning id").fetchone()[0]
        completed = set()
        while True:
            open_now = [r[0] for r in conn.execute(
                """select slug, challenge_id from progflow.user_challenge_status(%s)
                    where status in ('unlocked', 'in_progress') order by track_slug, order_in_track""", (user,))]
            if not open_now:
                break
            slug = open_now[0]
            challenge = conn.execute("select id from progflow.challenges where slug = %s", (slug,)).fetchone()[0]
            for level in range(1, 6):
                conn.execute("select * from progflow.submit_level_attempt(%s, %s, %s, '{}', '[]', 100, 20)",
                             (user, challenge, level))
            completed.add(slug)
        stats = conn.execute("select total_challenges_completed, total_levels_completed from progflow.user_stats where user_id = %s",
                             (user,)).fetchone()
        tracks = conn.execute("""select array_agg(lt.slug order by lt.order_index) from progflow.user_track_progress t
                                   join progflow.learning_tracks lt on lt.id = t.track_id
                                  where t.user_id = %s and t.status = 'completed' and t.progress_percentage = 100""",
                              (user,)).fetchone()[0]
        violations = conn.execute("select * from tests.invariant_violations(%s)", (user,)).fetchall()
        achievements = {r[0] for r in conn.execute(
            "select a.slug from progflow.user_achievements ua join progflow.achievements a on a.id = ua.achievement_id "
            "where ua.user_id = %s", (user,))}
    assert len(completed) == 61 and stats == (61, 305)
    assert tracks == ["fundamentals", "concepts", "systems"]
    assert violations == []
    assert {"challenge_61", "levels_305", "fundamentals_complete", "concepts_complete", "systems_complete",
            "perfect_50"} <= achievements


def test_the_entry_assessment_has_ten_questions_that_record_assessment_scores(seeded_db):
    with psycopg.connect(seeded_db, autocommit=True) as conn:
        questions = conn.execute("select progflow.assessment_questions_for('initial')").fetchone()[0]
        assert len(questions) == 10
        assert sorted(q["difficulty"] for q in questions).count("intermediate") == 4
        assert {q["topic"] for q in questions} == {"Load Balancing", "Database Design", "Caching & CDN",
                                                   "Distributed Systems", "System Architecture", "Scalability"}
        assert all("answer" not in q for q in questions)  # what a user is shown holds no answer
        user = conn.execute("insert into progflow.users (email, username) values ('ann@example.org', 'ann') returning id").fetchone()[0]
        # The key, as only the owner reads it: every question answered right, sent in reverse order.
        key = dict(conn.execute("select slug, answer from progflow.assessment_questions").fetchall())
        ids = [q["id"] for q in reversed(questions)]
        conn.execute("select progflow.record_assessment(%s, 'initial', %s, %s)",
                     (user, psycopg.types.json.Jsonb(ids), psycopg.types.json.Jsonb([key[i] for i in ids])))
        result = conn.execute("""select score, skill_level_recommendation, track_recommendations,
                                        jsonb_array_length(challenge_recommendations)
                                   from progflow.assessment_results where user_id = %s""", (user,)).fetchone()
    assert result == (100, "advanced", ["systems"], 5)
