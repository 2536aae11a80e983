-- Roles, grants and row-level security as the catalogue holds them: the rules every object follows.
begin;
select plan(17);

select results_eq($$
  select r.rolname::text collate "default", r.rolcanlogin, r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolbypassrls,
         array(select g.rolname::text collate "default" from pg_auth_members m join pg_roles g on g.oid = m.roleid
                where m.member = r.oid order by 1)
    from pg_roles r where r.rolname like 'progflow\_%' order by r.rolname collate "C"
$$, $$values ('progflow_app', false, false, array['progflow_readonly']),
             ('progflow_readonly', false, false, array[]::text[]),
             ('progflow_service', false, false, array['progflow_app'])$$,
  'the three group roles should be NOLOGIN, without special attributes, each with the rights of the one below');

select is_empty($$
  select c.relname from pg_class c
   where c.relnamespace = 'progflow'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
     and not (c.relrowsecurity and c.relforcerowsecurity)
$$, 'every table should have row-level security enabled and forced (a new table without it fails here)');

select is_empty($$
  select c.relname from pg_class c
   where c.relnamespace = 'progflow'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
     and not exists (select from pg_policy p where p.polrelid = c.oid and p.polname = 'owner_all'
                       and p.polroles = array[c.relowner] and p.polcmd = '*')
$$, 'every table should let its owner (whose SECURITY DEFINER functions do the writing) through, by a policy of its own');

select is_empty($$
  select polrelid::regclass || '.' || polname from pg_policy p
    join pg_class c on c.oid = p.polrelid
   where c.relnamespace = 'progflow'::regnamespace and 0::oid = any (p.polroles)
$$, 'no policy should apply to PUBLIC: each names its roles');

select is_empty($$
  select polrelid::regclass || '.' || polname from pg_policy p
    join pg_class c on c.oid = p.polrelid
   where c.relnamespace = 'progflow'::regnamespace
     and regexp_replace(coalesce(pg_get_expr(p.polqual, p.polrelid), '') || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''),
                        '\( SELECT progflow\.current_user_id\(\) AS current_user_id\)', '', 'g') ~ 'current_user_id\('
$$, 'every policy should call current_user_id() as a scalar subquery, so that it runs once per query, not per row');

select is_empty($$
  select c.relname from pg_class c
   where c.relnamespace = 'progflow'::regnamespace and c.relispartition
     and exists (select from aclexplode(c.relacl) a where a.grantee <> c.relowner)
$$, 'no partition should be granted to anyone: they are reached through their parent, whose policies apply');

select is_empty($$
  select c.relname from pg_class c
   where c.relnamespace = 'progflow'::regnamespace and c.relkind = 'v'
     and not coalesce('security_invoker=true' = any (c.reloptions), false)
$$, 'every view should be security_invoker, so that the policies of the reader apply');

select results_eq($$
  select x collate "default" from (
    select c.relname || ' ' || coalesce(r.rolname, 'PUBLIC') || ' ' || string_agg(a.privilege_type, ',' order by a.privilege_type) as x
      from pg_class c cross join lateral aclexplode(c.relacl) a left join pg_roles r on r.oid = a.grantee
     where c.relnamespace = 'progflow'::regnamespace and a.grantee <> c.relowner
     group by c.relname, r.rolname
    union all
    select c.relname || '.' || att.attname || ' ' || coalesce(r.rolname, 'PUBLIC') || ' '
           || string_agg(a.privilege_type, ',' order by a.privilege_type)
      from pg_class c join pg_attribute att on att.attrelid = c.oid
     cross join lateral aclexplode(att.attacl) a left join pg_roles r on r.oid = a.grantee
     where c.relnamespace = 'progflow'::regnamespace
     group by c.relname, att.attname, r.rolname) s order by x collate "C"
$$, array[
  'achievements progflow_readonly SELECT',
  'assessment_questions.assessment_type progflow_readonly SELECT', 'assessment_questions.difficulty progflow_readonly SELECT',
  'assessment_questions.id progflow_readonly SELECT', 'assessment_questions.is_active progflow_readonly SELECT',
  'assessment_questions.options progflow_readonly SELECT', 'assessment_questions.position progflow_readonly SELECT',
  'assessment_questions.question progflow_readonly SELECT', 'assessment_questions.slug progflow_readonly SELECT',
  'assessment_questions.topic progflow_readonly SELECT',
  'assessment_results progflow_readonly SELECT', 'attempt_requests progflow_readonly SELECT',
  'audit_log progflow_service SELECT',
  'challenge_levels.challenge_id progflow_readonly SELECT', 'challenge_levels.description progflow_readonly SELECT',
  'challenge_levels.estimated_minutes progflow_readonly SELECT', 'challenge_levels.hint_count progflow_readonly SELECT',
  'challenge_levels.id progflow_readonly SELECT', 'challenge_levels.level_name progflow_readonly SELECT',
  'challenge_levels.level_number progflow_readonly SELECT', 'challenge_levels.passing_criteria progflow_readonly SELECT',
  'challenge_levels.requirements progflow_readonly SELECT', 'challenge_levels.test_cases progflow_readonly SELECT',
  'challenge_levels.xp_reward progflow_readonly SELECT', 'challenge_page progflow_readonly SELECT',
  'challenge_prerequisites_status progflow_readonly SELECT', 'challenges progflow_readonly SELECT',
  'current_leaderboard progflow_service SELECT', 'daily_challenge_attempts progflow_readonly SELECT',
  'daily_challenges progflow_readonly SELECT', 'game_settings progflow_readonly SELECT', 'hint_usage progflow_readonly SELECT',
  'job_runs progflow_service SELECT', 'job_status progflow_service SELECT', 'jobs progflow_service SELECT',
  'leaderboard_entries progflow_readonly SELECT', 'leaderboard_page progflow_readonly SELECT',
  'leaderboard_ranks progflow_readonly SELECT',
  'learning_sessions progflow_readonly SELECT', 'learning_tracks progflow_readonly SELECT',
  'legacy_user_map progflow_service SELECT',
  'level_attempts progflow_readonly SELECT', 'notifications progflow_readonly SELECT', 'skills progflow_readonly SELECT',
  'user_achievements progflow_readonly SELECT', 'user_challenge_progress progflow_readonly SELECT',
  'user_dashboard progflow_readonly SELECT', 'user_skills progflow_readonly SELECT', 'user_stats progflow_readonly SELECT',
  'user_track_progress progflow_readonly SELECT', 'users progflow_app DELETE', 'users progflow_readonly SELECT',
  'users.avatar_url progflow_app INSERT,UPDATE', 'users.display_name progflow_app INSERT,UPDATE',
  'users.email progflow_app INSERT,UPDATE', 'users.id progflow_app INSERT', 'users.onboarding_completed progflow_app UPDATE',
  'users.preferences progflow_app INSERT,UPDATE', 'users.username progflow_app INSERT,UPDATE',
  'xp_transactions progflow_readonly SELECT'
], 'the grants on tables and views should be exactly these: reads (the catalogue''s hints, solution approaches and answer key left out), and the backend''s own users row');

-- What a learner earns is out of every role's reach: hints come only through use_hint, the
-- solution approach through level_solution, and assessments are scored against a key no role reads.
select is_empty($$
  select r || ' ' || t || '.' || c
    from unnest(array['progflow_readonly', 'progflow_app', 'progflow_service']) r,
         (values ('progflow.challenge_levels', 'hints'), ('progflow.challenge_levels', 'solution_approach'),
                 ('progflow.assessment_questions', 'answer')) x(t, c)
   where has_column_privilege(r, t, c, 'SELECT')
$$, 'no role should be able to read challenge_levels.hints, challenge_levels.solution_approach or assessment_questions.answer');

select is_empty($$
  select p.oid::regprocedure from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and has_function_privilege('public', p.oid, 'execute')
$$, 'no function should be executable by PUBLIC');

select results_eq($$
  select p.proname::text collate "default" from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and p.prosecdef order by p.proname collate "C"
$$, array[
  'allocate_skill_point', 'award_xp', 'calculate_user_streak', 'check_and_unlock_challenges', 'close_daily_challenge',
  'close_ended_daily_challenges',
  'end_learning_session', 'ensure_partitions', 'evaluate_achievements', 'leaderboard_around', 'level_solution',
  'mark_notifications_read', 'notifications_page', 'pick_daily_challenges', 'public_profile', 'recommend_challenges',
  'record_assessment',
  'refresh_leaderboards', 'refresh_leaderboards_since', 'repair_streaks', 'revealed_hints',
  'run_job', 'set_daily_challenge',
  'skill_points_available', 'start_learning_session', 'submit_daily_challenge_attempt', 'submit_level_attempt',
  'tg__dashboard_changed', 'tg_users__bootstrap', 'unread_notifications', 'use_hint', 'user_challenge_status',
  'user_id_by_login'
], 'these functions should run as the owner (SECURITY DEFINER): the calls granted to the roles, the sign-up trigger, and the dashboard trigger a deletion by the app cascades into');

select is_empty($$
  select p.oid::regprocedure from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and p.prosecdef
     and p.proconfig is distinct from array['search_path=pg_catalog, pg_temp']
$$, 'every SECURITY DEFINER function should pin search_path to pg_catalog, pg_temp (and nothing else)');
select is(array(select p.proname::text from pg_proc p
                 where p.pronamespace = 'progflow'::regnamespace
                   and p.proconfig is distinct from array['search_path=pg_catalog, pg_temp']
                 order by 1),
          array['board_key', 'calculate_level_from_xp', 'calling_role', 'current_streak', 'current_user_id', 'rank_title',
                'skill_points_earned'],
          'every other function should pin it too, but those the planner inlines (into the policies, the XP path, the ledger''s defaults and the reads; schema-qualified instead)');

select is_empty($$
  select p.oid::regprocedure from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and p.prosecdef and p.proargnames[1] = 'p_user_id'
     and p.prosrc !~ 'perform progflow\.authorize\(p_user_id\);'
$$, 'every SECURITY DEFINER function that acts for a user should check the caller first');

select is(array(select a.privilege_type::text collate "default" || ' ' || coalesce(r.rolname::text, 'PUBLIC')
                  from pg_namespace n, aclexplode(n.nspacl) a left join pg_roles r on r.oid = a.grantee
                 where n.nspname = 'progflow' and a.grantee <> n.nspowner order by 1),
          array['USAGE progflow_readonly'], 'the schema should be usable by the roles, and creatable in by the owner only');

-- Default privileges: a function the owner adds later is not executable by PUBLIC until granted.
create function progflow.probe() returns integer language sql as 'select 1';
select ok(not has_function_privilege('progflow_app', 'progflow.probe()', 'execute'),
          'a new function should not be executable by the roles until its file grants it');
select is(tests.outcome_as('progflow_app', null, 'create table progflow.planted (id int)'), 'denied',
          'the roles should not create objects in the schema');

select * from finish();
rollback;
