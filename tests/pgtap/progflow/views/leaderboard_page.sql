-- progflow.leaderboard_page: stored boards with the users' names.
begin;
select plan(6);

select has_view('progflow', 'leaderboard_page', 'leaderboard_page should exist');
select tests.create_user(u) from unnest(array['ada', 'bob']) u;
select progflow.award_xp(tests.user_id(u), x, 'admin') from unnest(array['ada', 'bob'], array[120, 4500]) v(u, x);
select progflow.refresh_leaderboards('all_time');

select results_eq($$select rank, username::text, metric_value, current_level, rank_title from progflow.leaderboard_page
                    where period_type = 'all_time' and period_date is null and metric_type = 'xp' order by rank$$,
                  $$values (1, 'bob', 4500, 10, 'Bronze I'), (2, 'ada', 120, 2, 'Novice')$$,
                  'a board should read in rank order with names, levels and rank titles');
select results_eq($$select rank from progflow.leaderboard_page
                    where user_id = tests.user_id('ada') and period_type = 'all_time' and metric_type = 'xp'$$,
                  array[2], 'a user''s own rank should be one lookup');

-- A big board (20,000 entries over 4,000 values on this month's board): a page in rank order reads
-- the values by rank and the entries of each, and a user's rank is two lookups, never the whole
-- board hashed and sorted (as a join on the date and the value apart gave at a million learners).
insert into progflow.users (id, email, username)
select md5('u' || n)::uuid, format('u%s@example.org', n), format('user%s', n) from generate_series(1, 20000) n;
insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username,
                                          level, rank_title)
select 'monthly', date_trunc('month', now() at time zone 'UTC')::date, md5('u' || n)::uuid, 'xp', 1 + n % 4000,
       format('user%s', n), 1, 'Novice'
  from generate_series(1, 20000) n;
select tests.rank_boards();
analyze progflow.users, progflow.leaderboard_entries, progflow.leaderboard_ranks;
select is_empty($$select from tests.plan_lines('select rank, username from progflow.leaderboard_page
                     where period_type = ''monthly'' and period_date = date_trunc(''month'', now() at time zone ''UTC'')::date
                       and metric_type = ''xp'' order by rank limit 100') p
                   where p ~ 'Sort|Hash|Seq Scan'$$,
                'a page should be read in rank order by index: no sort, no hash, no scan');
select results_eq($$select rank, metric_value from progflow.leaderboard_page
                    where period_type = 'monthly' and period_date = date_trunc('month', now() at time zone 'UTC')::date
                      and metric_type = 'xp' order by rank, user_id limit 6$$,
                  $$values (1, 4000), (1, 4000), (1, 4000), (1, 4000), (1, 4000), (6, 3999)$$,
                  'ties should share a rank, and the next value rank after all of them');
select is_empty($$select from tests.plan_lines('select rank from progflow.leaderboard_page
                     where period_type = ''monthly'' and period_date = date_trunc(''month'', now() at time zone ''UTC'')::date
                       and metric_type = ''xp'' and user_id = md5(''u77'')::uuid') p
                   where p ~ 'Sort|Hash|Seq Scan'$$,
                'a user''s own rank should be index lookups');

select * from finish();
rollback;
