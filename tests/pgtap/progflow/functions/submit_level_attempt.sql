-- progflow.submit_level_attempt(user, challenge, level_number, design_snapshot, test_results, score,
--                               time_spent_minutes, idempotency_key) returns table (…)
-- XP of a first pass = floor(xp_reward × performance × hints × retries × streak); level 1 of a rewards 100,
-- and a first attempt today makes a streak of 1 (× 1.1).
begin;
select plan(42);

select has_function('progflow', 'submit_level_attempt',
                    array['uuid', 'uuid', 'integer', 'jsonb', 'jsonb', 'numeric', 'integer', 'text'],
                    'submit_level_attempt should exist');
select volatility_is('progflow', 'submit_level_attempt',
                     array['uuid', 'uuid', 'integer', 'jsonb', 'jsonb', 'numeric', 'integer', 'text'], 'volatile',
                     'it should be volatile');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['p100', 'p090', 'p075', 'p060', 'p059', 'hint2', 'hint7', 'retry1', 'retry6', 'streak4', 'streak31',
                                              'idem', 'bad', 'third', 'broken', 'streak8', 'streak15', 'mark']) u;

-- Performance bands, streak 1.
select results_eq($$select passed, xp_earned, level_completed, challenge_completed from tests.submit('p100', 'a', 1, 100)$$,
                  $$values (true, 165, true, false)$$, 'score 100: 100 × 1.5 × 1.1 = 165');
select is((select xp_earned from tests.submit('p090', 'a', 1, 90)), 137, 'score 90: 100 × 1.25 × 1.1 = 137.5 → 137');
select is((select xp_earned from tests.submit('p075', 'a', 1, 75)), 110, 'score 75: 100 × 1.0 × 1.1 = 110');
select is((select xp_earned from tests.submit('p060', 'a', 1, 60)), 82, 'score 60 (the pass mark): 100 × 0.75 × 1.1 = 82.5 → 82');
select results_eq($$select passed, xp_earned, level_completed from tests.submit('p059', 'a', 1, 59.99)$$,
                  $$values (false, 0, false)$$, 'score 59.99 should fail and earn nothing');

-- The pass mark is the level's passing_criteria.min_score, 60 when absent.
update progflow.challenge_levels set passing_criteria = '{"min_score": 80}'
 where challenge_id = '00000000-0000-0000-0000-0000000000c1' and level_number = 1;
select is((select passed from tests.submit('mark', 'a', 1, 79.99)), false, 'with a pass mark of 80, 79.99 should fail');
update progflow.challenge_levels set passing_criteria = '{}'
 where challenge_id = '00000000-0000-0000-0000-0000000000c1' and level_number = 1;
select is((select passed from tests.submit('mark', 'a', 1, 60)), true, 'without a pass mark, 60 should pass');

-- Hints: −10 % each, never below half.
select progflow.use_hint(tests.user_id('hint2'), '00000000-0000-0000-0000-0000000000c1', 1) from generate_series(1, 2);
select is((select xp_earned from tests.submit('hint2', 'a', 1, 100)), 132, 'two hints: 100 × 1.5 × 0.8 × 1.1 = 132');
select progflow.use_hint(tests.user_id('hint7'), '00000000-0000-0000-0000-0000000000c1', 1) from generate_series(1, 7);
select is((select xp_earned from tests.submit('hint7', 'a', 1, 100)), 82, 'seven hints hit the floor: 100 × 1.5 × 0.5 × 1.1 = 82');

-- Retries: −10 % per earlier failure, never below half.
select tests.submit('retry1', 'a', 1, 20);
select results_eq($$select attempt_number, xp_earned from tests.submit('retry1', 'a', 1, 75)$$, $$values (2, 99)$$,
                  'one failure before: attempt 2, 100 × 1.0 × 0.9 × 1.1 = 99');
select tests.submit('retry6', 'a', 1, 0) from generate_series(1, 6);
select is((select xp_earned from tests.submit('retry6', 'a', 1, 100)), 82, 'six failures hit the floor: 100 × 1.5 × 0.5 × 1.1 = 82');

-- Streak bands (earlier days' attempts are failures on the same level, so retries count too).
select tests.attempt_at('streak4', now() - make_interval(days => d)) from generate_series(1, 3) d;
select is((select xp_earned from tests.submit('streak4', 'a', 1, 100)), 131,
          'a 4-day streak after 3 failures: 100 × 1.5 × 0.7 × 1.25 = 131.25 → 131');
select tests.attempt_at('streak31', now() - make_interval(days => d)) from generate_series(1, 30) d;
select is((select xp_earned from tests.submit('streak31', 'a', 1, 100)), 150,
          'a 31-day streak after 30 failures: 100 × 1.5 × 0.5 × 2.0 = 150');
select tests.attempt_at('streak8', now() - make_interval(days => d)) from generate_series(1, 7) d;
select is((select xp_earned from tests.submit('streak8', 'a', 1, 100)), 112,
          'an 8-day streak after 7 failures: 100 × 1.5 × 0.5 × 1.5 = 112.5 → 112');
select tests.attempt_at('streak15', now() - make_interval(days => d)) from generate_series(1, 14) d;
select is((select xp_earned from tests.submit('streak15', 'a', 1, 100)), 131,
          'a 15-day streak after 14 failures: 100 × 1.5 × 0.5 × 1.75 = 131.25 → 131');
select results_eq($$select current_streak_days, longest_streak_days from progflow.user_stats where user_id = tests.user_id('streak31')$$,
                  $$values (31, 31)$$, 'the stats should hold the 31-day streak');

-- Streak milestones (3, 7, 14, 30, 100) are notified on the day they are reached; a broken streak keeps the longest.
select tests.attempt_at('third', now() - make_interval(days => d)) from generate_series(1, 2) d;
select tests.submit('third', 'a', 1, 10);
select results_eq($$select type::text, title::text from progflow.notifications where user_id = tests.user_id('third') and type = 'streak'$$,
                  $$values ('streak', '3-day streak')$$, 'reaching 3 days should be notified');
select tests.submit('third', 'a', 1, 20);
select is((select count(*)::int from progflow.notifications where user_id = tests.user_id('third') and type = 'streak'), 1,
          'a second attempt the same day should not notify it again');
update progflow.user_stats set current_streak_days = 6, longest_streak_days = 10 where user_id = tests.user_id('broken');
select tests.attempt_at('broken', now() - interval '5 days');
select tests.submit('broken', 'a', 1, 10);
select results_eq($$select current_streak_days, longest_streak_days from progflow.user_stats where user_id = tests.user_id('broken')$$,
                  $$values (1, 10)$$, 'after a gap the streak should restart at 1 and the longest stay 10');

-- Re-passing a completed level: 0 XP, best score kept.
select results_eq($$select attempt_number, passed, xp_earned, level_completed from tests.submit('p100', 'a', 1, 80)$$,
                  $$values (2, true, 0, false)$$, 're-passing a completed level should earn 0 XP');
select results_eq($$select best_score, levels_completed, total_attempts, xp_earned, status::text
                      from progflow.user_challenge_progress where user_id = tests.user_id('p100')
                       and challenge_id = '00000000-0000-0000-0000-0000000000c1'$$,
                  $$values (100.00, '{1}'::integer[], 2, 165, 'in_progress')$$,
                  'progress should keep the best score, one level, two attempts and 165 XP');
select results_eq($$select total_levels_completed, total_challenges_started, total_time_spent_minutes
                      from progflow.user_stats where user_id = tests.user_id('p100')$$,
                  $$values (1, 1, 20)$$, 'the counters should count one level, one challenge started, 20 minutes');
select results_eq($$select perfect_levels, first_passes_by_hour[extract(hour from now() at time zone 'UTC')::int + 1],
                           (select sum(n)::int from unnest(first_passes_by_hour) n)
                      from progflow.user_stats where user_id = tests.user_id('p100')$$,
                  $$values (1, 1, 1)$$,
                  'a pass with 100 and its re-pass should count one perfect level and one first pass, in this hour (UTC)');
select tests.create_user('kiwi', 'Pacific/Auckland');
select tests.submit('kiwi', 'a', 1, 90);
select tests.submit('kiwi', 'a', 2, 100);
select results_eq($$select perfect_levels, first_passes_by_hour[extract(hour from now() at time zone 'Pacific/Auckland')::int + 1],
                           (select sum(n)::int from unnest(first_passes_by_hour) n)
                      from progflow.user_stats where user_id = tests.user_id('kiwi')$$,
                  $$values (1, 2, 2)$$, 'first passes should be counted in the hour of the user''s own time zone');
select bag_eq($$select amount, source_type::text from progflow.xp_transactions
                where user_id = tests.user_id('p100')$$,
                  $$values (165, 'challenge'), (25, 'achievement'), (10, 'achievement')$$,
                  'the ledger should hold the level''s XP and the two achievements it unlocked');
select is((select count(*)::int from progflow.notifications where user_id = tests.user_id('p100') and type = 'level_complete'),
          1, 'the level completion should be notified once');
select is_empty($$select * from tests.invariant_violations(tests.user_id('p100'))$$, 'derived state should match the facts');

-- Idempotency.
select results_eq($$select attempt_number, xp_earned, achievements_unlocked from tests.submit('idem', 'a', 1, 100, 10, 'k-1')$$,
                  $$values (1, 165, array['first_level', 'perfectionist'])$$, 'a first call with a key should run');
select results_eq($$select * from tests.submit('idem', 'a', 1, 100, 10, 'k-1')$$,
                  $$select a.id, 1, true, 165, true, false, '{}'::uuid[], array['first_level', 'perfectionist']
                      from progflow.level_attempts a where a.user_id = tests.user_id('idem')$$,
                  'a replay should return the first result, attempt id included');
select results_eq($$select (select count(*)::int from progflow.level_attempts where user_id = tests.user_id('idem')),
                           (select total_xp from progflow.user_stats where user_id = tests.user_id('idem'))$$,
                  $$values (1, 200)$$, 'a replay should record nothing: one attempt, 165 + 25 + 10 XP');
select throws_ok($$select * from tests.submit('idem', 'a', 1, 99, 10, 'k-1')$$, 'PF006', null,
                 'the same key with another payload should be PF006');

-- Bad input: the documented code, and nothing recorded.
select throws_ok($$select * from tests.submit('bad', 'a', 1, 100.01)$$, '22023',
                 'score must be between 0 and 100, not 100.01', 'a score over 100 should be refused, named');
select throws_ok($$select * from progflow.submit_level_attempt(tests.user_id('bad'), '00000000-0000-0000-0000-0000000000c1',
                   1, '[]', '[]', 50)$$, '22023', 'design_snapshot must be a JSON object, not array',
                 'a design snapshot that is not an object should be refused');
select throws_ok($$select * from progflow.submit_level_attempt(tests.user_id('bad'), '00000000-0000-0000-0000-0000000000c1',
                   1, '{}', '{}', 50)$$, '22023', 'test_results must be a JSON array, not object',
                 'test results that are not an array should be refused');
select throws_ok($$select * from progflow.submit_level_attempt(tests.user_id('bad'), '00000000-0000-0000-0000-0000000000c1',
                   1, jsonb_build_object('image', repeat('x', 1048576)), '[]', 50)$$, '22023',
                 'design_snapshot is 1048589 bytes, over the 1 MB (1048576 bytes) accepted',
                 'a design snapshot over 1 MB should be refused, with its size');
select throws_ok($$select * from tests.submit('bad', 'a', 1, 50, -1)$$, '22023', null, 'negative minutes should be refused');
select throws_ok($$select * from tests.submit('bad', 'a', 1, 50, 10, '')$$, '22023',
                 'idempotency_key must have 1 to 200 characters, not 0', 'an empty idempotency key should be refused');
select throws_ok($$select * from tests.submit('bad', 'b', 1, 50)$$, 'PF001', null, 'a locked challenge should be PF001');
select throws_ok($$select * from tests.submit('bad', 'a', 2, 50)$$, 'PF002', null, 'a locked level should be PF002');
select is((select count(*)::int from progflow.level_attempts where user_id = tests.user_id('bad')), 0,
          'the refused calls should have recorded no attempt');

select * from finish();
rollback;
