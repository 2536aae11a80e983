-- progflow.leaderboard_page: stored boards with the users' names.
begin;
select plan(3);

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

select * from finish();
rollback;
