-- progflow.refresh_leaderboards_since(period, since) returns integer: every period from since's to now's
begin;
select plan(6);

select has_function('progflow', 'refresh_leaderboards_since', array['progflow.leaderboard_period', 'timestamp with time zone'],
                    'it should exist');
select throws_ok($$select progflow.refresh_leaderboards_since(null, now())$$, '22023', null, 'a NULL period should be 22023');
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
select progflow.award_xp(tests.user_id(u), x, 'admin') from unnest(array['ada', 'bob'], array[50, 80]) v(u, x);
-- a board of three days ago, written before anyone had XP, and stale ever since
insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username,
                                          level, rank_title)
values ('daily', (now() at time zone 'UTC')::date - 3, tests.user_id('ada'), 'xp', 999, 'ada', 1, 'Novice');
select tests.rank_boards();

select is(progflow.refresh_leaderboards_since('daily', now() - interval '3 days'), 3,
          'the periods from three days ago to today should be refreshed: the stale entry deleted, today''s two XP entries written');
select is_empty($$select from progflow.leaderboard_entries where period_date = (now() at time zone 'UTC')::date - 3
                  union all select from progflow.leaderboard_ranks where period_date = (now() at time zone 'UTC')::date - 3$$,
                'the old period''s stale board should be brought up to date from the ledger (nobody gained XP that day)');
select is(progflow.refresh_leaderboards_since('weekly', null), 2, 'without an instant, the current period only');
select is(progflow.refresh_leaderboards_since('daily', '-infinity'), 0,
          'the catch-up should go back a year at most, whatever instant it is given, and write nothing that is current');

select * from finish();
rollback;
