-- Scenario: one user through challenge a and what it unlocks. Fixture catalogue (tests.load_catalogue):
-- a's levels reward 100, 150, 200, 250, 300; b needs a; c needs player level 3; d needs fundamentals ≥ 50 %.
-- Every attempt is today, so the streak is 1 (× 1.1) throughout.
begin;
select plan(22);

select tests.load_catalogue();
select tests.create_user('ada');

select throws_ok($$select * from tests.submit('ada', 'b', 1, 90)$$, 'PF001', null, 'b should be locked at first');
select throws_ok($$select * from tests.submit('ada', 'a', 2, 90)$$, 'PF002', null, 'level 2 of a should be locked at first');

select results_eq($$select attempt_number, passed, xp_earned, level_completed from tests.submit('ada', 'a', 1, 40)$$,
                  $$values (1, false, 0, false)$$, 'a failed first attempt should earn nothing');
select results_eq($$select hint_number, hint from progflow.use_hint(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1)$$,
                  $$values (1, 'h1')$$, 'the first hint should be revealed');
-- 100 × 1.0 (score 80) × 0.9 (one hint) × 0.9 (one failure) × 1.1 = 89.1 → 89; first_level adds 25.
select results_eq($$select attempt_number, xp_earned, level_completed, achievements_unlocked from tests.submit('ada', 'a', 1, 80)$$,
                  $$values (2, 89, true, array['first_level'])$$, 'the first pass should earn 89 XP and first_level');
select results_eq($$select xp_earned, level_completed, achievements_unlocked from tests.submit('ada', 'a', 1, 100)$$,
                  $$values (0, false, array['perfectionist'])$$, 're-passing with 100 should earn 0 XP but unlock perfectionist');
-- 150 × 1.5 × 1.1 = 247.5 → 247; the total 89 + 25 + 10 + 247 = 371 reaches level 3, which opens c.
select results_eq($$select xp_earned, newly_unlocked from tests.submit('ada', 'a', 2, 100)$$,
                  $$values (247, array['00000000-0000-0000-0000-0000000000c3'::uuid])$$,
                  'level 2 should earn 247 XP, and the level-up to 3 should unlock c');
select is((select xp_earned from tests.submit('ada', 'a', 3, 90)), 275, 'level 3: 200 × 1.25 × 1.1 = 275');
select is((select xp_earned from tests.submit('ada', 'a', 4, 75)), 275, 'level 4: 250 × 1.0 × 1.1 = 275');
-- 300 × 0.75 × 1.1 = 247.5 → 247; completing a opens b (prerequisite) and d (fundamentals at 50 %).
select results_eq($$select xp_earned, level_completed, challenge_completed, newly_unlocked, achievements_unlocked
                      from tests.submit('ada', 'a', 5, 60)$$,
                  $$values (247, true, true,
                            array['00000000-0000-0000-0000-0000000000c2', '00000000-0000-0000-0000-0000000000c4']::uuid[],
                            array['first_challenge', 'xp_1000'])$$,
                  'level 5 should complete a, unlock b and d, and first_challenge, whose 50 XP reach 1,000');

select results_eq($$select status::text, levels_completed, current_level, best_score, total_attempts, xp_earned,
                           completion_date is not null
                      from progflow.user_challenge_progress
                     where user_id = tests.user_id('ada') and challenge_id = '00000000-0000-0000-0000-0000000000c1'$$,
                  $$values ('completed', '{1,2,3,4,5}'::integer[], 5, 100.00, 7, 1133, true)$$,
                  'a should be completed: five levels, best 100, seven attempts, 89 + 247 + 275 + 275 + 247 XP');
-- 1133 from levels + 25 + 10 + 50 from achievements = 1218: level 5 (1,000 ≤ 1,218 < 1,500).
select results_eq($$select total_xp, current_level, total_levels_completed, total_challenges_started,
                           total_challenges_completed, current_streak_days, longest_streak_days, total_time_spent_minutes
                      from progflow.user_stats where user_id = tests.user_id('ada')$$,
                  $$values (1218, 5, 5, 1, 1, 1, 1, 70)$$, 'the stats should follow from the facts');
select is(progflow.rank_title((select current_level from progflow.user_stats where user_id = tests.user_id('ada'))),
          'Apprentice', 'level 5 should be Apprentice');
select results_eq($$select lt.slug::text, t.status::text, t.progress_percentage, t.challenges_completed, t.total_challenges
                      from progflow.user_track_progress t join progflow.learning_tracks lt on lt.id = t.track_id
                     where t.user_id = tests.user_id('ada')$$,
                  $$values ('fundamentals', 'in_progress', 50.00, 1, 2)$$, 'fundamentals should be exactly half done');
select results_eq($$select c.slug::text from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
                     where p.user_id = tests.user_id('ada') and p.unlock_date is not null order by 1$$,
                  array['a', 'b', 'c', 'd'], 'all four challenges should now be unlocked');
select results_eq($$select type::text, count(*)::int from progflow.notifications where user_id = tests.user_id('ada')
                     group by 1 order by 1$$,
                  $$values ('achievement', 4), ('challenge_unlock', 4), ('level_complete', 5)$$,
                  'each unlock, level and achievement should be notified exactly once');
select results_eq($$select a.slug::text from progflow.user_achievements ua join progflow.achievements a on a.id = ua.achievement_id
                     where ua.user_id = tests.user_id('ada') order by 1$$,
                  array['first_challenge', 'first_level', 'perfectionist', 'xp_1000'], 'four achievements, once each');
select bag_eq($$select source_type::text, amount from progflow.xp_transactions where user_id = tests.user_id('ada')$$,
              $$values ('challenge', 89), ('challenge', 247), ('challenge', 275), ('challenge', 275), ('challenge', 247),
                       ('achievement', 25), ('achievement', 10), ('achievement', 50)$$,
              'the ledger should hold one row per first pass and per achievement with XP');
select is_empty($$select * from tests.invariant_violations(tests.user_id('ada'))$$,
                'every derived value should equal what the facts imply');

select results_eq($$select attempt_number, xp_earned, level_completed from tests.submit('ada', 'b', 1, 100)$$,
                  $$values (1, 247, true)$$, 'the unlocked b should take attempts: 150 × 1.5 × 1.1 = 247');
select results_eq($$select xp_earned, level_completed, challenge_completed from tests.submit('ada', 'a', 5, 100)$$,
                  $$values (0, false, false)$$, 're-passing a completed challenge''s level should change nothing');
select is((select total_challenges_completed from progflow.user_stats where user_id = tests.user_id('ada')), 1,
          'a completed challenge should be counted once');

select * from finish();
rollback;
