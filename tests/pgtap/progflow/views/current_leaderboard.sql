-- progflow.current_leaderboard: live ranks of users active in the last 30 days.
begin;
select plan(3);

select has_view('progflow', 'current_leaderboard', 'current_leaderboard should exist');
select tests.create_user(u) from unnest(array['ada', 'bob', 'cyd', 'old']) u;
select progflow.award_xp(tests.user_id(u), x, 'admin') from unnest(array['ada', 'bob', 'cyd', 'old'], array[100, 300, 100, 999]) v(u, x);
update progflow.users set last_active_at = now() - interval '31 days' where username = 'old';
update progflow.user_stats set current_streak_days = 3, longest_streak_days = 3, last_activity_date = (now() at time zone 'UTC')::date where user_id = tests.user_id('cyd');

select results_eq($$select username::text, total_xp, xp_rank, streak_rank, rank_title from progflow.current_leaderboard
                    order by xp_rank, username$$,
                  $$values ('bob', 300, 1::bigint, 2::bigint, 'Novice'), ('ada', 100, 2, 2, 'Novice'), ('cyd', 100, 2, 1, 'Novice')$$,
                  'ties should share a rank on each metric');
select is_empty($$select * from progflow.current_leaderboard where username = 'old'$$,
                'a user inactive for over 30 days should be left out');

select * from finish();
rollback;
