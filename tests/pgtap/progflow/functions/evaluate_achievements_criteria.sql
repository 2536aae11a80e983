-- progflow.evaluate_achievements: each criteria type of the rules, one achievement per type.
begin;
select plan(8);

select tests.load_catalogue();
delete from progflow.achievements;
insert into progflow.achievements (slug, name, criteria) values
  ('streak_5', 'Streak', '{"type": "streak_days", "count": 5}'),
  ('level_3', 'Level 3', '{"type": "player_level", "count": 3}'),
  ('fundamentals_done', 'Fundamentals', '{"type": "track_completed", "count": 1, "track": "fundamentals"}'),
  ('fast_1', 'Fast', '{"type": "fast_completions", "count": 1}'),
  ('no_hints_1', 'No hints', '{"type": "no_hint_challenges", "count": 1}'),
  ('early_bird', 'Early bird', '{"type": "completed_before_hour", "count": 1, "hour": 8}'),
  ('night_owl', 'Night owl', '{"type": "completed_after_hour", "count": 1, "hour": 22}');
select tests.create_user('ada', 'Pacific/Auckland');
select tests.create_user('bob');

update progflow.user_stats set current_streak_days = 5, longest_streak_days = 5 where user_id = tests.user_id('ada');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, array['streak_5'],
                  'a 5-day streak should unlock streak_days 5');
select progflow.award_xp(tests.user_id('ada'), 300, 'admin');  -- level 3
select ok(exists (select from progflow.user_achievements ua join progflow.achievements a on a.id = ua.achievement_id
                   where ua.user_id = tests.user_id('ada') and a.slug = 'level_3'),
          'the award that takes ada to player level 3 should unlock player_level 3 itself');

-- a completed in 50 minutes (estimate 60) with no hint; fundamentals not complete yet (b is not).
select tests.set_completed('ada', 'a');
update progflow.user_challenge_progress set total_time_spent_minutes = 50 where user_id = tests.user_id('ada');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, array['fast_1', 'no_hints_1'],
                  'a challenge completed under its estimate and without hints should unlock fast_completions and no_hint_challenges');
select progflow.check_and_unlock_challenges(tests.user_id('ada'));
select tests.set_completed('ada', 'b');
select progflow.refresh_track_progress(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000b1');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, array['fundamentals_done'],
                  'completing every challenge of fundamentals should unlock track_completed for it');

-- Hours come from the first passes by local hour that submit_level_attempt counts (element h + 1
-- is hour h): a pass in the 08:00 hour is not before 8, one in the 07:00 hour is.
update progflow.user_stats set first_passes_by_hour[9] = 1 where user_id = tests.user_id('ada');
select is_empty($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, 'a pass at 08:xx should not be before 8');
update progflow.user_stats set first_passes_by_hour[8] = 1 where user_id = tests.user_id('ada');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('ada'))$$, array['early_bird'],
                  'a pass at 07:xx should unlock completed_before_hour 8');
update progflow.user_stats set first_passes_by_hour[23] = 1 where user_id = tests.user_id('bob');
select results_eq($$select * from progflow.evaluate_achievements(tests.user_id('bob'))$$, array['night_owl'],
                  'a pass at 22:xx should unlock completed_after_hour 22');
select is((select count(*)::int from progflow.user_achievements), 7, 'each of the seven should be unlocked once (six for ada, one for bob)');

select * from finish();
rollback;
