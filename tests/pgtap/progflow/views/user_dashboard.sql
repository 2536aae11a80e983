-- progflow.user_dashboard: a user's dashboard in one row.
begin;
select plan(5);

select has_view('progflow', 'user_dashboard', 'user_dashboard should exist');
select columns_are('progflow', 'user_dashboard', array[
  'id', 'username', 'display_name', 'avatar_url', 'skill_level', 'total_xp', 'current_level', 'rank_title',
  'next_level_xp', 'current_streak_days', 'longest_streak_days', 'rank_percentile', 'achievements_count',
  'challenges_completed', 'levels_completed', 'track_progress', 'unread_notifications', 'skill_points_available'
], 'it should have the dashboard''s columns');
select tests.load_catalogue();
select tests.create_user('ada');
select tests.submit('ada', 'a', 1, 100);  -- 165 XP, then first_level (25) and perfectionist (10): 200, level 2
select progflow.award_xp(tests.user_id('ada'), 800, 'admin');  -- 1,000: level 5 (one skill point), which opens c

select results_eq($$select total_xp, current_level, rank_title, next_level_xp, current_streak_days, achievements_count,
                           challenges_completed, levels_completed, track_progress, unread_notifications, skill_points_available
                      from progflow.user_dashboard where id = tests.user_id('ada')$$,
                  $$values (1000, 5, 'Apprentice', 1500, 1, 2::bigint, 0, 1, '{"concepts": 0.00, "fundamentals": 0.00}'::jsonb,
                            5::bigint, 1)$$,
                  'it should show XP, level, rank, next level, streak, counts, tracks, 5 unread (2 unlocks, a level, 2 achievements) and skill points');
-- At the highest level there is no next one: NULL, not an error.
select tests.create_user('max');
select progflow.award_xp(tests.user_id('max'), 2147483647, 'admin');
select results_eq($$select current_level, next_level_xp from progflow.user_dashboard where id = tests.user_id('max')$$,
                  $$values (6554, null::integer)$$, 'a user at the highest level should have no next level');
select is_empty($$select * from progflow.user_dashboard where id = '00000000-0000-0000-0000-000000000999'$$,
                'an unknown user should have no row');

select * from finish();
rollback;
