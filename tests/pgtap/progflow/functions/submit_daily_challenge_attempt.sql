-- progflow.submit_daily_challenge_attempt(p_user_id uuid, p_date date, p_score numeric) returns integer (XP)
-- XP = floor(xp_base × xp_multiplier × difficulty_modifier × score / 100); today's challenge is a (xp_base 100).
begin;
select plan(9);

select has_function('progflow', 'submit_daily_challenge_attempt', array['uuid', 'date', 'numeric'], 'it should exist');
select tests.load_catalogue();
select tests.create_user('ada');
select tests.create_user('bob');
select progflow.set_daily_challenge((now() at time zone 'UTC')::date, '00000000-0000-0000-0000-0000000000c1');

select is(progflow.submit_daily_challenge_attempt(tests.user_id('ada'), (now() at time zone 'UTC')::date, 80), 160,
          'score 80: 100 × 2.0 × 1.0 × 0.8 = 160 XP');
select results_eq($$select amount, source_type::text from progflow.xp_transactions where user_id = tests.user_id('ada')
                    order by amount desc$$, $$values (160, 'daily'), (20, 'achievement')$$,
                  'the XP should be a daily ledger row, and the first daily should unlock daily_1');
update progflow.daily_challenges set difficulty_modifier = 1.5;
select is(progflow.submit_daily_challenge_attempt(tests.user_id('bob'), (now() at time zone 'UTC')::date, 33), 99,
          'score 33 with modifier 1.5: 100 × 2.0 × 1.5 × 0.33 = 99 XP');
select results_eq($$select participants_count, average_score from progflow.daily_challenges$$, $$values (2, 56.50)$$,
                  'the day should count 2 participants averaging 56.50');
select throws_ok($$select progflow.submit_daily_challenge_attempt(tests.user_id('ada'), (now() at time zone 'UTC')::date, 90)$$,
                 'PF005', null, 'a second attempt should be PF005');
select throws_ok($$select progflow.submit_daily_challenge_attempt(tests.user_id('ada'), (now() at time zone 'UTC')::date - 1, 90)$$,
                 'PF005', null, 'a day without a daily challenge, or not today, should be PF005');
select throws_ok($$select progflow.submit_daily_challenge_attempt(tests.user_id('ada'), (now() at time zone 'UTC')::date, 101)$$,
                 '22023', null, 'a score over 100 should be refused');
select is((select count(*)::int from progflow.daily_challenge_attempts), 2, 'the refused calls should record nothing');

select * from finish();
rollback;
