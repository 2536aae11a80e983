-- progflow.legacy_import_step(p_import bigint, p_batch integer) returns integer
-- Applying an import: merges, the ledger, what follows from the progress, a re-run, an interrupted run.
-- The rules are docs/rules.md, "Moving in from the old system".
begin;
select plan(31);

select has_function('progflow', 'legacy_import_step', array['bigint', 'integer'], 'legacy_import_step should exist');
select tests.load_catalogue();
insert into progflow.achievements (slug, name, description, xp_reward, criteria) values
  ('quick', 'Quick', 'Complete a challenge within its estimate', 40, '{"type": "fast_completions", "count": 1}'),
  ('unaided', 'Unaided', 'Complete a challenge without a hint', 40, '{"type": "no_hint_challenges", "count": 1}');
select tests.create_user(u) from unnest(array['ada', 'bob', 'cyd']) u;
-- ada passed level 1 of a on the new platform: 100 XP, first_level.
select * from progflow.submit_level_attempt(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 1, '{}', '[]', 90);
create function pg_temp.last_import() returns bigint language sql as 'select max(id) from progflow.legacy_imports';
create temporary table ada_before as select * from progflow.user_stats where user_id = tests.user_id('ada');

create table public.old_progress_table (user_id text, problem_id text, completed_levels integer[], total_xp integer);
insert into public.old_progress_table values
  (tests.user_id('bob')::text, 'a', '{1}', 50),            -- 1 } two records of one challenge that conflict
  (tests.user_id('bob')::text, 'a', '{1,2,3,4,5}', 900),   -- 2 }
  (tests.user_id('ada')::text, 'a', '{1,2}', 9999),        -- 3 ada has level 1 and 100 XP of a already
  (tests.user_id('cyd')::text, 'b', '{3}', 120),            -- 4 a gap; b's prerequisite a is not completed
  (tests.user_id('cyd')::text, 'zzz', '{1}', 10),           -- 5 unknown slug
  ('1042', 'a', '{1}', 10),                                -- 6 an old id nothing maps
  (tests.user_id('cyd')::text, 'a', '{0,1}', -5),           -- 7 bad levels and XP
  (tests.user_id('cyd')::text, 'a', null, 10),              -- 8 no levels
  (tests.user_id('bob')::text, 'b', '{}', 0);              -- 9 nothing to bring
select progflow.legacy_import_start('public.old_progress_table');

select is(progflow.legacy_import_step(pg_temp.last_import(), 2), 4, 'a step of two learners should give their four pending rows an outcome');
select is(progflow.legacy_import_step(pg_temp.last_import(), 2), 1, 'the next step should take the next learner');
select is(progflow.legacy_import_step(pg_temp.last_import(), 2), 0, 'then nothing should be left');
select isnt((select finished_at from progflow.legacy_imports where id = pg_temp.last_import()), null, 'and the import should be finished');

select results_eq($$select row_number, outcome, reason from progflow.legacy_import_progress order by 1$$,
  $$values (1::bigint, 'merged', 'merged with row 2'),
           (2, 'merged', 'merged with row 1'),
           (3, 'merged', 'merged with the learner''s levels {1} and 137 XP'),
           (4, 'imported', 'levels 1, 2 filled in below level 3; imported although prerequisites are not completed: a'),
           (5, 'rejected', 'no challenge ''zzz'''),
           (6, 'rejected', 'user ''1042'' is not a progflow user id, and no users row maps it'),
           (7, 'rejected', 'completed_levels ''{0,1}'' holds levels outside 1 to 5; total_xp -5 is negative'),
           (8, 'rejected', 'completed_levels is NULL'),
           (9, 'already_present', null)$$,
  'every row should have its outcome and reason');
select is((select count(*)::int from public.old_progress_table),
          (select count(*)::int from progflow.legacy_import_progress where import_id = pg_temp.last_import() and outcome is not null),
          'the outcomes should account for every input row');

select results_eq($$select u.username::text, c.slug::text, p.status::text, p.levels_completed, p.xp_earned, p.imported_at is not null
                      from progflow.user_challenge_progress p join progflow.users u on u.id = p.user_id
                      join progflow.challenges c on c.id = p.challenge_id
                     where p.levels_completed <> '{}' order by 1, 2$$,
  $$values ('ada', 'a', 'in_progress', '{1,2}'::integer[], 9999, true),
           ('bob', 'a', 'completed', '{1,2,3,4,5}', 900, true),
           ('cyd', 'b', 'in_progress', '{1,2,3}', 120, true)$$,
  'conflicting rows and existing progress should merge: the union of the levels, the most XP of any');
select results_eq($$select u.username::text, x.amount, x.source_id::text from progflow.xp_transactions x
                      join progflow.users u on u.id = x.user_id
                     where x.source_type = 'legacy' order by 1$$,
  $$values ('ada', 9862, 'legacy:a'), ('bob', 900, 'legacy:a'), ('cyd', 120, 'legacy:b')$$,
  'the XP above what each learner had should be one legacy ledger row: ada keeps her 137 and gains 9,862');
select is_empty($$select u.username || ': ' || v from progflow.users u, tests.invariant_violations(u.id) v$$,
                'totals, levels, counters and progress should match the ledger and the progress rows');
select results_eq($$select u.username::text, s.total_levels_completed, s.total_challenges_started, s.total_challenges_completed,
                           s.current_streak_days, s.longest_streak_days, s.last_activity_date
                      from progflow.user_stats s join progflow.users u on u.id = s.user_id order by 1$$,
  $$values ('ada', 2, 1, 0, (select current_streak_days from ada_before), (select longest_streak_days from ada_before),
            (select last_activity_date from ada_before)),
           ('bob', 5, 1, 1, 0, 0, null::date), ('cyd', 3, 1, 0, 0, 0, null)$$,
  'the counters should count the imported levels; streaks should not move: an import is not a day of practice');
select results_eq($$select a.slug::text from progflow.user_achievements ua join progflow.achievements a on a.id = ua.achievement_id
                     where ua.user_id = tests.user_id('bob') order by 1$$,
                  array['first_challenge', 'first_level'],
                  'the imported progress should earn what it supports, and not quick or unaided: it carries no time or hints');
select is_empty($$select * from progflow.evaluate_achievements(tests.user_id('bob'))$$,
                'nor should a later evaluation find them: imported challenges count as neither fast nor unaided');
select ok((select unlock_date is not null from progflow.user_challenge_progress
            where user_id = tests.user_id('cyd') and challenge_id = '00000000-0000-0000-0000-0000000000c2'),
          'a challenge imported without its prerequisites should be open: the learner did it');
select results_eq($$select c.slug::text from progflow.user_challenge_progress p join progflow.challenges c on c.id = p.challenge_id
                     where p.user_id = tests.user_id('bob') and p.unlock_date is not null order by 1$$,
                  array['a', 'b', 'c', 'd'], 'what the imported progress earns should open: b (a completed), c (975 XP is level 3), d (half of fundamentals)');
select is((select progress_percentage from progflow.user_track_progress
            where user_id = tests.user_id('bob') and track_id = '00000000-0000-0000-0000-0000000000b1'), 50.00,
          'track progress should follow');

-- A second run of the same input changes nothing and says so.
create temporary table ledger_before as select id from progflow.xp_transactions;
select progflow.legacy_import_start('public.old_progress_table');
select is(progflow.legacy_import_step(pg_temp.last_import(), 1000), 5, 'a second run should give every pending row an outcome');
select is(progflow.legacy_import_step(pg_temp.last_import(), 1000), 0, 'and finish');
select results_eq($$select outcome, count(*)::int from progflow.legacy_import_progress
                     where import_id = (select max(id) from progflow.legacy_imports) group by 1 order by 1$$,
                  $$values ('already_present', 5), ('rejected', 4)$$, 'every row should be already present or rejected again');
select is_empty($$select id from progflow.xp_transactions except select id from ledger_before$$,
                'and the ledger should not move');

-- Between reading and applying, one learner is deleted and another takes the email a new user needed.
create table public.later_users (user_id text, email text, username text, created_at text);
insert into public.later_users values ('2001', 'dan@example.org', 'dan', null), ('2002', 'eli@example.org', 'eli', null);
create table public.later_progress (user_id text, problem_id text, completed_levels text, total_xp text);
insert into public.later_progress values ('2001', 'a', '{1}', '100'), ('2002', 'a', '{1}', '100'),
                                         (tests.user_id('cyd')::text, 'a', '{1}', '100');
select progflow.legacy_import_start('public.later_progress', 'public.later_users');
select tests.create_user('eli2');
update progflow.users set email = 'eli@example.org' where username = 'eli2';
delete from progflow.users where id = tests.user_id('cyd');
select is(progflow.legacy_import_step(pg_temp.last_import(), 1000), 3,
          'the first step should create the users, and settle the progress of the one it could not create');
select results_eq($$select legacy_id, outcome, reason from progflow.legacy_import_users where import_id = (select max(id) from progflow.legacy_imports) order by 1$$,
  $$values ('2001', 'imported', null::text), ('2002', 'rejected', 'its email, username or id was taken while the import ran')$$,
  'a user whose email was taken since should be rejected, not merged into the one who took it');
select is(progflow.legacy_import_step(pg_temp.last_import(), 1000), 2, 'the next step should settle the two other progress rows');
select results_eq($$select legacy_user_id, outcome, reason from progflow.legacy_import_progress
                     where import_id = (select max(id) from progflow.legacy_imports) order by row_number$$,
  $$values ('2001', 'imported', null::text),
           ('2002', 'rejected', 'user ''2002'' was not created: its email, username or id was taken while the import ran'),
           (tests.user_id('cyd')::text, 'rejected', 'the user does not exist (deleted while the import ran)')$$,
  'rows of a user not created, or deleted, should be rejected with the reason');
select is(progflow.legacy_import_step(pg_temp.last_import(), 1000), 0, 'and the import should finish');

-- What the import brought was not earned this week: a period's boards leave it out, the all-time board counts it.
select progflow.refresh_leaderboards('all_time');
select progflow.refresh_leaderboards('weekly', current_date);
select results_eq($$select e.period_type::text, e.metric_type::text, e.metric_value from progflow.leaderboard_entries e
                     where e.user_id = tests.user_id('bob') and e.metric_type in ('xp', 'challenges') order by 1, 2$$,
  $$values ('all_time', 'challenges', 1), ('all_time', 'xp', 975), ('weekly', 'xp', 75)$$,
  'bob''s weekly XP should be his achievements'' 75, and his imported completion no weekly challenge');

-- ada, who merged with the import, goes on: her next level counts the challenge as started once.
select * from progflow.submit_level_attempt(tests.user_id('ada'), '00000000-0000-0000-0000-0000000000c1', 3, '{}', '[]', 90);
select is_empty($$select v from tests.invariant_violations(tests.user_id('ada')) v$$,
                'a challenge the import started should not be counted as started again by the next attempt');

-- XP merged into a challenge whose levels the learner has: its time and hints are still hers.
update progflow.user_challenge_progress set imported_at = null
 where user_id = tests.user_id('ada') and challenge_id = '00000000-0000-0000-0000-0000000000c1';
create table public.more_xp (user_id text, problem_id text, completed_levels text, total_xp text);
insert into public.more_xp values (tests.user_id('ada')::text, 'a', '{1,2}', '20000');
select progflow.migrate_legacy_progress('public.more_xp');
select results_eq($$select xp_earned = 20000, imported_at is null from progflow.user_challenge_progress
                     where user_id = tests.user_id('ada') and challenge_id = '00000000-0000-0000-0000-0000000000c1'$$,
                  $$values (true, true)$$, 'an import that brings XP and no level should not mark the challenge imported');

select throws_ok($$select progflow.legacy_import_step(null)$$, '22023', null, 'a NULL import should be refused');
select throws_ok('select progflow.legacy_import_step(1, 0)', '22023', null, 'so should a batch of 0');
select throws_ok($$select progflow.legacy_import_step(987654)$$, 'P0002', 'legacy import 987654 does not exist',
                 'an unknown import should be named');

select * from finish();
rollback;
