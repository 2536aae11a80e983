-- Scenario: a streak that ended reads 0 on every read path, whether or not any job ran
-- (docs/rules.md, Streaks). The stored rows are set as the engine leaves them after the last attempt.
begin;
select plan(9);

select tests.load_catalogue();
select tests.create_user('ada', 'Pacific/Kiritimati');
select tests.create_user('bob', 'Pacific/Honolulu');
select tests.create_user('cyd');
update progflow.users set last_active_at = now();
-- ada and cyd were last active yesterday in their zones: their streaks hold. bob stopped three days ago.
update progflow.user_stats s
   set current_streak_days = v.streak, longest_streak_days = v.streak, last_activity_date = v.last
  from (values (tests.user_id('ada'), 5, (now() at time zone 'Pacific/Kiritimati')::date - 1),
               (tests.user_id('bob'), 8, (now() at time zone 'Pacific/Honolulu')::date - 3),
               (tests.user_id('cyd'), 2, (now() at time zone 'UTC')::date - 1)) v(user_id, streak, last)
 where s.user_id = v.user_id;

select results_eq($$select username::text, current_streak_days from progflow.user_dashboard order by username$$,
                  $$values ('ada', 5), ('bob', 0), ('cyd', 2)$$,
                  'the dashboard should show an ended streak as 0 and a current one as stored');
select results_eq($$select username::text, current_streak_days, streak_rank::int from progflow.current_leaderboard order by username$$,
                  $$values ('ada', 5, 1), ('bob', 0, 3), ('cyd', 2, 2)$$,
                  'current_leaderboard should rank streaks as they read now');
select is(progflow.calculate_user_streak(tests.user_id('bob')), 0, 'calculate_user_streak should agree: 0');
select is(progflow.calculate_user_streak(tests.user_id('ada')), 5, 'and 5 for a streak that holds');
select is((select longest_streak_days from progflow.user_dashboard where username = 'bob'), 8,
          'the longest streak should stay');

select ok(progflow.refresh_leaderboards('all_time') > 0, 'the all-time boards should be written');
select results_eq($$select username::text, metric_value from progflow.leaderboard_page
                     where period_type = 'all_time' and metric_type = 'streak' order by rank$$,
                  $$values ('ada', 5), ('cyd', 2)$$, 'the streak board should leave out an ended streak');
select is((select expires_at from progflow.leaderboard_entries
            where metric_type = 'streak' and user_id = tests.user_id('cyd')),
          ((now() at time zone 'UTC')::date + 1)::timestamp at time zone 'UTC',
          'a streak entry should expire at the start of the local day on which the streak breaks');
-- No refresh runs; the day passes (the expiry is made to lie in the past, as it will).
update progflow.leaderboard_entries set expires_at = now() - interval '1 second'
 where metric_type = 'streak' and user_id = tests.user_id('cyd');
select results_eq($$select username::text from progflow.leaderboard_page
                     where period_type = 'all_time' and metric_type = 'streak' order by rank$$,
                  $$values ('ada')$$, 'the board should hide a streak that broke since its refresh');

select * from finish();
rollback;
