-- progflow.close_daily_challenge(p_date date) returns integer (attempts ranked)
-- Rank bonus of xp_base 100: ranks 1–3 get 50, 4–10 get 30, 11–100 get 10; ties share a rank.
begin;
select plan(7);

select has_function('progflow', 'close_daily_challenge', array['date'], 'close_daily_challenge should exist');
select tests.load_catalogue();
select progflow.set_daily_challenge((now() at time zone 'UTC')::date, '00000000-0000-0000-0000-0000000000c1');
select tests.create_user('user' || n) from generate_series(1, 12) n;
select progflow.submit_daily_challenge_attempt(tests.user_id('user' || n), (now() at time zone 'UTC')::date,
                                               (array[100, 100, 90, 80, 70, 70, 60, 50, 40, 30, 20, 10])[n])
  from generate_series(1, 12) n;

select is(progflow.close_daily_challenge((now() at time zone 'UTC')::date), 12, 'all 12 attempts should be ranked');
select results_eq($$select a.rank, a.xp_earned from progflow.daily_challenge_attempts a order by a.score desc, a.rank$$,
                  $$values (1, 250), (1, 250), (3, 230), (4, 190), (5, 170), (5, 170), (7, 150), (8, 130), (9, 110),
                           (10, 90), (11, 50), (12, 30)$$,
                  'ranks should share ties, and each attempt should add its bonus to 2 × score XP');
select is((select sum(amount)::int from progflow.xp_transactions where source_type = 'daily'), 1440 + 380,
          'the ledger should hold 2 × 720 = 1,440 XP of attempts and 3 × 50 + 7 × 30 + 2 × 10 = 380 of bonuses');
select is_empty($$select u from generate_series(1, 12) u
                   where exists (select from tests.invariant_violations(tests.user_id('user' || u)))$$,
                'every user''s derived state should match the ledger');
select throws_ok($$select progflow.close_daily_challenge((now() at time zone 'UTC')::date)$$, 'PF005', null,
                 'closing a day twice should be PF005');
select throws_ok($$select progflow.close_daily_challenge('1999-01-01')$$, 'P0002', null,
                 'a day without a daily challenge should be P0002');

select * from finish();
rollback;
