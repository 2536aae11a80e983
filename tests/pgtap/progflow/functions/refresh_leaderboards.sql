-- progflow.refresh_leaderboards(p_period leaderboard_period, p_period_date date default null) returns integer
-- Ledger: ada +100 on Wed 18 March, +40 on Mon 16 March; bob +300 on 18 March 23:59:59, +50 on Sun 15 March;
-- cyd +100 on 18 March, +7 on the last microsecond of February; dan nothing. ada has a streak of 5.
begin;
select plan(15);

select has_function('progflow', 'refresh_leaderboards', array['progflow.leaderboard_period', 'date'], 'it should exist');
select tests.load_catalogue();
select tests.create_user(u) from unnest(array['ada', 'bob', 'cyd', 'dan']) u;
select tests.xp_at(tests.user_id(u), x, at::timestamptz) from (values
  ('ada', 100, '2026-03-18 10:00Z'), ('ada', 40, '2026-03-16 00:00Z'),
  ('bob', 300, '2026-03-18 23:59:59Z'), ('bob', 50, '2026-03-15 23:59:59Z'),
  ('cyd', 100, '2026-03-18 12:00Z'), ('cyd', 7, '2026-02-28 23:59:59.999999Z')) l(u, x, at);
update progflow.user_stats set current_streak_days = 5, longest_streak_days = 5, last_activity_date = (now() at time zone 'UTC')::date where user_id = tests.user_id('ada');
select tests.set_completed('ada', 'a');
update progflow.user_challenge_progress set completion_date = '2026-03-18 09:00Z' where user_id = tests.user_id('ada');
update progflow.user_stats set total_challenges_started = 1, total_challenges_completed = 1 where user_id = tests.user_id('ada');

select is(progflow.refresh_leaderboards('daily', '2026-03-18'), 5, 'the day should have 3 xp, 1 streak and 1 challenges rows');
select results_eq($$select e.username::text, e.metric_value, e.rank from progflow.leaderboard_page e
                    where e.period_type = 'daily' and e.period_date = '2026-03-18' and e.metric_type = 'xp'
                    order by e.rank, e.username$$,
                  $$values ('bob', 300, 1), ('ada', 100, 2), ('cyd', 100, 2)$$, 'ties should share rank 2');
select progflow.refresh_leaderboards('weekly', '2026-03-18');
select results_eq($$select e.period_date, e.username::text, e.metric_value, e.rank from progflow.leaderboard_page e
                    where e.period_type = 'weekly' and e.metric_type = 'xp' order by e.rank$$,
                  $$values ('2026-03-16'::date, 'bob', 300, 1), ('2026-03-16', 'ada', 140, 2), ('2026-03-16', 'cyd', 100, 3)$$,
                  'the week should start on Monday 16 March and leave out Sunday''s 50');
select progflow.refresh_leaderboards('monthly', '2026-03-31');
select results_eq($$select e.period_date, e.username::text, e.metric_value from progflow.leaderboard_page e
                    where e.period_type = 'monthly' and e.metric_type = 'xp' order by e.rank$$,
                  $$values ('2026-03-01'::date, 'bob', 350), ('2026-03-01', 'ada', 140), ('2026-03-01', 'cyd', 100)$$,
                  'the month should start on the 1st and leave out February''s last microsecond');
select progflow.refresh_leaderboards('all_time');
select results_eq($$select e.period_date, e.username::text, e.metric_value, e.rank from progflow.leaderboard_page e
                    where e.period_type = 'all_time' and e.metric_type = 'xp' order by e.rank$$,
                  $$values (null::date, 'bob', 350, 1), (null, 'ada', 140, 2), (null, 'cyd', 107, 3)$$,
                  'all time should rank lifetime totals under a NULL date, leaving out dan at 0');
select results_eq($$select e.metric_type::text, u.username::text, e.metric_value from progflow.leaderboard_entries e
                    join progflow.users u on u.id = e.user_id where e.period_type = 'daily' and e.metric_type <> 'xp'
                    order by 1$$,
                  $$values ('challenges', 'ada', 1), ('streak', 'ada', 5)$$, 'challenges and streak should rank too');
select results_eq($$select metric_type::text, metric_value, rank, entries from progflow.leaderboard_ranks
                    where period_type = 'daily' and period_date = '2026-03-18' order by 1, 3$$,
                  $$values ('challenges', 1, 1, 1), ('streak', 5, 1, 1), ('xp', 300, 1, 1), ('xp', 100, 2, 2)$$,
                  'the ranks should be stored once per value, with the entries holding it');

-- Incremental: a refresh writes what changed since the last one, and nothing when nothing did.
select is(progflow.refresh_leaderboards('all_time'), 0, 'a second refresh of a current board should write nothing');
select is((select count(*)::int from progflow.leaderboard_entries where period_type = 'all_time'), 5, 'and leave its entries');
select progflow.award_xp(tests.user_id('dan'), 500, 'admin');
select progflow.award_xp(tests.user_id('cyd'), 1, 'admin');
select is(progflow.refresh_leaderboards('all_time'), 2, 'dan''s new entry and cyd''s new value should be the only writes');
select results_eq($$select e.username::text, e.metric_value, e.rank from progflow.leaderboard_page e
                    where e.period_type = 'all_time' and e.metric_type = 'xp' order by e.rank$$,
                  $$values ('dan', 500, 1), ('bob', 350, 2), ('ada', 140, 3), ('cyd', 108, 4)$$,
                  'everyone below dan should read one rank lower, though only two entries were written');
update progflow.users set display_name = 'Ada L.' where username = 'ada';
update progflow.user_stats set last_activity_date = (now() at time zone 'UTC')::date - 5 where user_id = tests.user_id('ada');
select is(progflow.refresh_leaderboards('all_time'), 3,
          'a profile edit should rewrite ada''s two remaining entries and the broken streak''s entry be deleted');

-- Whatever the history of refreshes, the board is the one a refresh from nothing writes.
create temporary table boards on commit drop as
select * from (values ('all_time'::progflow.leaderboard_period, null::date), ('daily', '2026-03-18'),
                      ('weekly', '2026-03-18'), ('monthly', '2026-03-31')) v(p, d);
select progflow.refresh_leaderboards(p, d) from boards;
create temporary table kept on commit drop as select * from progflow.leaderboard_page;
delete from progflow.leaderboard_entries;
delete from progflow.leaderboard_ranks;
select progflow.refresh_leaderboards(p, d) from boards;
select set_eq($$select * from progflow.leaderboard_page$$, $$select * from kept$$,
              'the boards kept up by increments should equal the boards written from nothing');
select throws_ok($$select progflow.refresh_leaderboards(null)$$, '22023', null, 'a NULL period should be refused');

select * from finish();
rollback;
