-- progflow.user_dashboard: a user's dashboard in one row.
begin;
select plan(12);

select has_view('progflow', 'user_dashboard', 'user_dashboard should exist');
select columns_are('progflow', 'user_dashboard', array[
  'id', 'username', 'display_name', 'avatar_url', 'skill_level', 'total_xp', 'current_level', 'rank_title',
  'next_level_xp', 'current_streak_days', 'longest_streak_days', 'rank_percentile', 'achievements_count',
  'challenges_completed', 'levels_completed', 'track_progress', 'unread_notifications', 'skill_points_available',
  'version'
], 'it should have the dashboard''s columns');
select tests.load_catalogue();
select tests.create_user('ada');
select tests.submit('ada', 'a', 1, 100);  -- 165 XP, then first_level (25) and perfectionist (10): 200, level 2
select progflow.award_xp(tests.user_id('ada'), 800, 'admin');  -- 1,000: level 5 (one skill point), which opens c, and xp_1000

select results_eq($$select total_xp, current_level, rank_title, next_level_xp, current_streak_days, achievements_count,
                           challenges_completed, levels_completed, track_progress, unread_notifications, skill_points_available
                      from progflow.user_dashboard where id = tests.user_id('ada')$$,
                  $$values (1000, 5, 'Apprentice', 1500, 1, 3::bigint, 0, 1, '{"concepts": 0.00, "fundamentals": 0.00}'::jsonb,
                            6::bigint, 1)$$,
                  'it should show XP, level, rank, next level, streak, counts, tracks, 6 unread (2 unlocks, a level, 3 achievements) and skill points');
-- At the highest level there is no next one: NULL, not an error.
select tests.create_user('max');
select progflow.award_xp(tests.user_id('max'), 2147483647, 'admin');
select results_eq($$select current_level, next_level_xp from progflow.user_dashboard where id = tests.user_id('max')$$,
                  $$values (6554, null::integer)$$, 'a user at the highest level should have no next level');
select is_empty($$select * from progflow.user_dashboard where id = '00000000-0000-0000-0000-000000000999'$$,
                'an unknown user should have no row');

-- The percentile: the share of the all-time XP board not above the user's XP now; NULL before the
-- board has any entry and at 0 XP.
select is((select rank_percentile from progflow.user_dashboard where id = tests.user_id('ada')), null,
          'no percentile while the all-time board is empty');
select progflow.refresh_leaderboards('all_time');
select tests.create_user(u) from unnest(array['bob', 'zed']) u;
select progflow.award_xp(tests.user_id('bob'), 2000, 'admin');  -- after the refresh: not on the board yet
select results_eq($$select u.username::text, d.rank_percentile from progflow.user_dashboard d join progflow.users u on u.id = d.id
                    order by 1$$,
                  $$values ('ada', 50.00), ('bob', 50.00), ('max', 100.00), ('zed', null)$$,
                  'one of the board''s two entries is above ada (50) and above bob''s XP now (50), none above max (100); zed at 0 has none');
-- With a board of 20,000 values the percentile is two index reads, not a sort of the values above.
insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries)
select 'all_time', null, 'xp', 100000 + n, 20001 - n, 1 from generate_series(1, 20000) n;
analyze progflow.leaderboard_ranks;
select is_empty($$select from tests.plan_lines_as('progflow_app', tests.user_id('ada'),
                     'select rank_percentile from progflow.user_dashboard where id = ''' || tests.user_id('ada') || '''') p
                   where p ~ 'Sort|Bitmap|Seq Scan on leaderboard_ranks'$$,
                'the percentile should read the ranks by index, in order, never sort them (as the backend plans it)');

-- The version: a hash, the same for the same state whatever the session's settings, another per user.
select matches((select version from progflow.user_dashboard where id = tests.user_id('ada')), '^[0-9a-f]{64}$',
               'the version should be a sha256 in hex');
set local timezone = 'Pacific/Kiritimati';
set local datestyle = 'SQL, DMY';
create temporary table kiritimati on commit drop as
select version from progflow.user_dashboard where id = tests.user_id('ada');
reset timezone;
reset datestyle;
select is((select version from kiritimati), (select version from progflow.user_dashboard where id = tests.user_id('ada')),
          'the session''s time zone and date style should not change it');
select isnt((select version from progflow.user_dashboard where id = tests.user_id('ada')),
            (select version from progflow.user_dashboard where id = tests.user_id('max')), 'each user should have their own');

-- Validating a cached copy reads the version alone: the users and user_stats rows by primary key, no table the
-- other columns count from.
insert into progflow.users (email, username)
select format('learner%s@example.org', n), format('learner%s', n) from generate_series(1, 3000) n;
analyze progflow.users;
analyze progflow.user_stats;
create temporary table scans_before on commit drop as
select pg_stat_get_xact_numscans('progflow.users_pkey'::regclass) as users_pkey,
       pg_stat_get_xact_numscans('progflow.user_stats_pkey'::regclass) as stats_pkey,
       pg_stat_get_xact_numscans('progflow.users'::regclass) + pg_stat_get_xact_numscans('progflow.user_stats'::regclass)
         + pg_stat_get_xact_numscans('progflow.notifications'::regclass)
         + pg_stat_get_xact_numscans('progflow.notifications_user_id_unread_idx'::regclass)
         + pg_stat_get_xact_numscans('progflow.user_achievements'::regclass)
         + pg_stat_get_xact_numscans('progflow.user_skills'::regclass)
         + pg_stat_get_xact_numscans('progflow.user_track_progress'::regclass) as others;
select length(version) from progflow.user_dashboard where id = tests.user_id('ada');
select results_eq($$select pg_stat_get_xact_numscans('progflow.users_pkey'::regclass) - users_pkey,
                           pg_stat_get_xact_numscans('progflow.user_stats_pkey'::regclass) - stats_pkey,
                           pg_stat_get_xact_numscans('progflow.users'::regclass)
                             + pg_stat_get_xact_numscans('progflow.user_stats'::regclass)
                             + pg_stat_get_xact_numscans('progflow.notifications'::regclass)
                             + pg_stat_get_xact_numscans('progflow.notifications_user_id_unread_idx'::regclass)
                             + pg_stat_get_xact_numscans('progflow.user_achievements'::regclass)
                             + pg_stat_get_xact_numscans('progflow.user_skills'::regclass)
                             + pg_stat_get_xact_numscans('progflow.user_track_progress'::regclass) - others
                      from scans_before$$,
                  $$values (1::bigint, 1::bigint, 0::bigint)$$,
                  'the version alone should be two primary-key reads and nothing the other columns count');

select * from finish();
rollback;
