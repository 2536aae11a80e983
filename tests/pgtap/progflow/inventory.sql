-- Inventory of schema progflow: an object added without a test, or dropped by accident, fails here.
begin;
select plan(14);

select results_eq($$
  select relname::text collate "default" from pg_class
   where relnamespace = 'progflow'::regnamespace and relkind in ('r', 'p') and not relispartition
   order by 1
$$, array[
  'achievements', 'assessment_questions', 'assessment_results', 'attempt_requests', 'audit_log', 'challenge_levels', 'challenges', 'daily_challenge_attempts',
  'daily_challenges', 'game_settings', 'hint_usage', 'job_runs', 'jobs', 'leaderboard_entries', 'leaderboard_ranks', 'learning_sessions', 'learning_tracks',
  'legacy_import_progress', 'legacy_import_users', 'legacy_imports', 'legacy_user_map',
  'level_attempts', 'notifications', 'skills', 'user_achievements', 'user_challenge_progress', 'user_skills',
  'user_stats', 'user_track_progress', 'users', 'xp_transactions'
], 'progflow should have exactly the 20 tables of the design plus attempt_requests, assessment_questions, audit_log, game_settings, jobs, job_runs and the legacy import''s four (partitions aside)');

select enums_are('progflow', array[
  'skill_level', 'track_difficulty', 'progress_status', 'achievement_rarity', 'leaderboard_period'
], 'progflow should have exactly these enum types');

select functions_are('progflow', array[
  'tg__timestamps', 'tg__prerequisites_valid', 'ensure_partitions', 'detach_attempt_partitions', 'calculate_level_from_xp', 'xp_for_level',
  'rank_title', 'lock_user', 'check_and_unlock_challenges', 'tg_users__bootstrap',
  'add_xp', 'tg_xp_transactions__written_by_add_xp', 'unlock_achievements', 'unlock_challenges', 'award_xp', 'calculate_user_streak', 'open_level',
  'refresh_track_progress', 'use_hint', 'evaluate_achievements', 'submit_level_attempt', 'skill_points_available', 'skill_points_earned', 'board_key',
  'allocate_skill_point', 'start_learning_session', 'end_learning_session', 'mark_notifications_read',
  'set_daily_challenge', 'submit_daily_challenge_attempt', 'close_daily_challenge', 'refresh_leaderboards',
  'recommend_challenges', 'user_challenge_status', 'record_assessment',
  'migrate_legacy_progress', 'legacy_import_start', 'legacy_import_step', 'assessment_questions_for', 'check_rate_limit', 'tg_users__valid_preferences',
  'current_user_id', 'tg__append_only', 'tg__audit', 'calling_role', 'authorize', 'streak_after', 'level_solution', 'revealed_hints', 'current_streak',
  'refresh_leaderboards_since', 'pick_daily_challenges', 'close_ended_daily_challenges', 'apply_attempt_retention',
  'repair_streaks', 'run_job', 'notifications_page', 'unread_notifications', 'user_id_by_login',
  'leaderboard_around', 'public_profile', 'tg__dashboard_changed'
], 'progflow should have exactly these functions');

select results_eq($$
  select p.oid::regprocedure::text collate "default", pg_get_function_result(p.oid) collate "default", p.provolatile::text
    from pg_proc p where p.pronamespace = 'progflow'::regnamespace order by 1
$$, $$values
  ('progflow.add_xp(uuid,integer,text,text,text,timestamp with time zone)', 'uuid', 'v'),
  ('progflow.allocate_skill_point(uuid,uuid)', 'integer', 'v'),
  ('progflow.apply_attempt_retention()', 'integer', 'v'),
  ('progflow.assessment_questions_for(text)', 'jsonb', 's'),
  ('progflow.authorize(uuid)', 'void', 's'),
  ('progflow.award_xp(uuid,integer,text,text,text)', 'uuid', 'v'),
  ('progflow.board_key(date,integer)', 'bigint', 'i'),
  ('progflow.calculate_level_from_xp(integer)', 'integer', 'i'),
  ('progflow.calculate_user_streak(uuid,date)', 'integer', 's'),
  ('progflow.calling_role()', 'name', 's'),
  ('progflow.check_and_unlock_challenges(uuid)', 'SETOF uuid', 'v'),
  ('progflow.check_rate_limit(uuid)', 'integer', 's'),
  ('progflow.close_daily_challenge(date)', 'integer', 'v'),
  ('progflow.close_ended_daily_challenges()', 'integer', 'v'),
  ('progflow.current_streak(integer,date,text,timestamp with time zone)', 'integer', 's'),
  ('progflow.current_user_id()', 'uuid', 's'),
  ('progflow.detach_attempt_partitions(date)', 'SETOF text', 'v'),
  ('progflow.end_learning_session(uuid,boolean)', 'integer', 'v'),
  ('progflow.ensure_partitions(integer,integer)', 'integer', 'v'),
  ('progflow.evaluate_achievements(uuid)', 'SETOF text', 'v'),
  ('progflow.leaderboard_around(uuid,progflow.leaderboard_period,text,date,integer)', 'TABLE(rank integer, metric_value integer, user_id uuid, username character varying, display_name character varying, avatar_url text, current_level integer, rank_title text, is_me boolean)', 's'),
  ('progflow.legacy_import_start(regclass,regclass,text)', 'bigint', 'v'),
  ('progflow.legacy_import_step(bigint,integer)', 'integer', 'v'),
  ('progflow.level_solution(uuid,uuid,integer)', 'TABLE(solution_approach text, hints_recorded integer)', 'v'),
  ('progflow.lock_user(uuid)', 'progflow.user_stats', 'v'),
  ('progflow.mark_notifications_read(uuid,uuid[])', 'integer', 'v'),
  ('progflow.migrate_legacy_progress(regclass)', 'integer', 'v'),
  ('progflow.notifications_page(uuid,integer,timestamp with time zone,uuid)', 'TABLE(id uuid, type character varying, title character varying, message text, action_url text, is_read boolean, created_at timestamp with time zone)', 's'),
  ('progflow.open_level(uuid,uuid,integer)', 'progflow.challenge_levels', 's'),
  ('progflow.pick_daily_challenges()', 'integer', 'v'),
  ('progflow.public_profile(uuid)', 'TABLE(user_id uuid, username character varying, display_name character varying, avatar_url text, current_level integer, rank_title text, total_xp integer, current_streak_days integer, challenges_completed integer, achievements jsonb, member_since timestamp with time zone)', 's'),
  ('progflow.rank_title(integer)', 'text', 'i'),
  ('progflow.recommend_challenges(uuid,integer)', 'TABLE(challenge_id uuid, slug text, title text, difficulty_base progflow.skill_level, xp_base integer, estimated_minutes integer, track_slug text, order_in_track integer)', 's'),
  ('progflow.record_assessment(uuid,text,jsonb,jsonb)', 'uuid', 'v'),
  ('progflow.refresh_leaderboards(progflow.leaderboard_period,date)', 'integer', 'v'),
  ('progflow.refresh_leaderboards_since(progflow.leaderboard_period,timestamp with time zone)', 'integer', 'v'),
  ('progflow.refresh_track_progress(uuid,uuid)', 'progflow.user_track_progress', 'v'),
  ('progflow.repair_streaks(timestamp with time zone,timestamp with time zone,text)', 'integer', 'v'),
  ('progflow.revealed_hints(uuid,uuid,integer)', 'TABLE(hint_number integer, hint text)', 's'),
  ('progflow.run_job(text,timestamp with time zone)', 'progflow.job_runs', 'v'),
  ('progflow.set_daily_challenge(date,uuid)', 'uuid', 'v'),
  ('progflow.skill_points_available(uuid)', 'integer', 's'),
  ('progflow.skill_points_earned(integer)', 'integer', 'i'),
  ('progflow.start_learning_session(uuid,text,text)', 'uuid', 'v'),
  ('progflow.streak_after(progflow.user_stats,timestamp with time zone,text)', 'TABLE(current_streak_days integer, last_activity_date date, streak_started_at timestamp with time zone)', 's'),
  ('progflow.submit_daily_challenge_attempt(uuid,date,numeric)', 'integer', 'v'),
  ('progflow.submit_level_attempt(uuid,uuid,integer,jsonb,jsonb,numeric,integer,text)', 'TABLE(attempt_id uuid, attempt_number integer, passed boolean, xp_earned integer, level_completed boolean, challenge_completed boolean, newly_unlocked uuid[], achievements_unlocked text[])', 'v'),
  ('progflow.tg__append_only()', 'trigger', 's'),
  ('progflow.tg__audit()', 'trigger', 'v'),
  ('progflow.tg__dashboard_changed()', 'trigger', 'v'),
  ('progflow.tg__prerequisites_valid()', 'trigger', 'v'),
  ('progflow.tg__timestamps()', 'trigger', 'v'),
  ('progflow.tg_users__bootstrap()', 'trigger', 'v'),
  ('progflow.tg_users__valid_preferences()', 'trigger', 's'),
  ('progflow.tg_xp_transactions__written_by_add_xp()', 'trigger', 's'),
  ('progflow.unlock_achievements(uuid,progflow.user_stats,text[])', 'SETOF text', 'v'),
  ('progflow.unlock_challenges(uuid)', 'SETOF uuid', 'v'),
  ('progflow.unread_notifications(uuid)', 'integer', 's'),
  ('progflow.use_hint(uuid,uuid,integer)', 'TABLE(hint_number integer, hint text, xp_penalty integer)', 'v'),
  ('progflow.user_challenge_status(uuid)', 'TABLE(challenge_id uuid, slug text, title text, category text, track_slug text, order_in_track integer, difficulty_base progflow.skill_level, status text, current_level integer, levels_completed integer[], best_score numeric, levels jsonb)', 's'),
  ('progflow.user_id_by_login(text)', 'uuid', 's'),
  ('progflow.xp_for_level(integer)', 'integer', 'i')
$$, 'every function should keep its contract: signature, result and volatility (a change here is an API change)');

select views_are('progflow', array[
  'user_dashboard', 'challenge_prerequisites_status', 'current_leaderboard', 'leaderboard_page', 'challenge_page',
  'job_status'
], 'progflow should have exactly these views');

select is_empty($$
  select relname from pg_class
   where relnamespace = 'progflow'::regnamespace and relkind = 'v'
     and not coalesce('security_invoker=true' = any (reloptions), false)
$$, 'every view should be security_invoker, so the caller''s row-level security applies');

select is_empty($$
  select c.relname from pg_class c
   where c.relnamespace = 'progflow'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
     and obj_description(c.oid, 'pg_class') is null
$$, 'every table and view in progflow should have a comment');

select is_empty($$
  select p.proname from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and obj_description(p.oid, 'pg_proc') is null
$$, 'every function in progflow should have a comment');

select is_empty($$
  select format('%s.%s', c.conrelid::regclass, c.conname)
    from pg_constraint c
   where c.connamespace = 'progflow'::regnamespace and c.contype = 'f'
     and c.conrelid in (select oid from pg_class where relispartition is false)
     and not exists (
       select from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1]::int2[] @> c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1]::int2[] <@ c.conkey
          and i.indpred is null)
$$, 'every foreign key should be backed by an index that starts with its columns');

select is_empty($$
  select format('%s duplicates or prefixes %s', a.indexrelid::regclass, b.indexrelid::regclass)
    from pg_index a
    join pg_index b on b.indrelid = a.indrelid and b.indexrelid <> a.indexrelid
    join pg_class ca on ca.oid = a.indexrelid
    join pg_class cb on cb.oid = b.indexrelid
   where ca.relnamespace = 'progflow'::regnamespace
     and ca.relam = cb.relam
     and a.indpred is null and b.indpred is null
     and a.indexprs is null and b.indexprs is null
     and not a.indisunique
     and (a.indkey::int2[]) = (b.indkey::int2[])[0:cardinality(a.indkey::int2[]) - 1]
     and (a.indoption::int2[]) = (b.indoption::int2[])[0:cardinality(a.indoption::int2[]) - 1]
     and not (a.indkey::int2[] = b.indkey::int2[] and a.indexrelid > b.indexrelid and not b.indisunique)
     and (select relispartition from pg_class where oid = a.indrelid) is false
$$, 'no index should duplicate another or be a prefix of another (same method, no predicate)');

select is_empty($$
  select format('%s.%s', conrelid::regclass, conname) from pg_constraint
   where connamespace = 'progflow'::regnamespace and contype = 'f' and confdeltype = 'a'
$$, 'every foreign key should say what happens on delete (no implicit NO ACTION)');

select is_empty($$
  select format('%s.%s', c.relname, a.attname)
    from pg_attribute a join pg_class c on c.oid = a.attrelid
   where c.relnamespace = 'progflow'::regnamespace and c.relkind in ('r', 'p') and a.attnum > 0
     and a.atttypid = 'timestamp'::regtype
$$, 'no column should be timestamp without time zone');

select results_eq($$
  select c.relname::text collate "default", pg_get_partkeydef(c.oid)
    from pg_partitioned_table p join pg_class c on c.oid = p.partrelid
   where c.relnamespace = 'progflow'::regnamespace order by 1
$$, $$values ('level_attempts', 'RANGE (created_at)'), ('xp_transactions', 'RANGE (created_at)')$$,
  'level_attempts and xp_transactions should be range-partitioned on created_at');

select results_eq($$
  select p.relname::text collate "default", count(*) filter (where c.relname ~ '_default$')::int,
         count(*) filter (where c.relname = p.relname || '_p' || to_char(now() at time zone 'UTC', 'YYYY_MM'))::int
    from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
   where p.relnamespace = 'progflow'::regnamespace and p.relkind = 'p' group by 1 order by 1
$$, $$values ('level_attempts', 1, 1), ('xp_transactions', 1, 1)$$,
  'each partitioned table should have a default partition and one for the current month');

select * from finish();
rollback;
