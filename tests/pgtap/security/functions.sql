-- Through the functions: what each role may call, and for whom. The app cannot change the
-- catalogue, the ledger totals or another user's progress through a function either.
begin;
select plan(12);

select tests.load_catalogue();
select tests.full_history(u) from unnest(array['alice', 'bob']) u;

-- The EXECUTE map: the API of each role (progflow_app has all of progflow_readonly's, progflow_service all of progflow_app's).
select results_eq($$
  select p.proname::text collate "default" || ' ' || coalesce(nullif(concat_ws(',',
           case when has_function_privilege('progflow_readonly', p.oid, 'execute') then 'readonly' end,
           case when has_function_privilege('progflow_app', p.oid, 'execute') then 'app' end,
           case when has_function_privilege('progflow_service', p.oid, 'execute') then 'service' end), ''), 'owner')
    from pg_proc p where p.pronamespace = 'progflow'::regnamespace order by p.proname collate "C"
$$, array[
  'add_xp owner', 'allocate_skill_point app,service', 'apply_attempt_retention owner', 'assessment_questions_for readonly,app,service',
  'authorize owner',
  'award_xp service', 'board_key readonly,app,service', 'calculate_level_from_xp readonly,app,service', 'calculate_user_streak readonly,app,service',
  'calling_role owner', 'check_and_unlock_challenges app,service', 'check_rate_limit owner',
  'close_daily_challenge service', 'close_ended_daily_challenges service', 'current_streak readonly,app,service', 'current_user_id readonly,app,service', 'detach_attempt_partitions owner',
  'end_learning_session app,service',
  'ensure_partitions service', 'evaluate_achievements app,service', 'leaderboard_around app,service',
  'legacy_import_start owner', 'legacy_import_step owner',
  'level_solution app,service', 'lock_user owner',
  'mark_notifications_read app,service', 'migrate_legacy_progress owner', 'notifications_page app,service',
  'open_level owner',
  'pick_daily_challenges service', 'public_profile readonly,app,service',
  'rank_title readonly,app,service', 'recommend_challenges readonly,app,service', 'record_assessment app,service',
  'refresh_leaderboards service', 'refresh_leaderboards_since service',
  'refresh_track_progress owner', 'repair_streaks service', 'revealed_hints app,service', 'run_job service',
  'set_daily_challenge service', 'skill_points_available readonly,app,service', 'skill_points_earned readonly,app,service',
  'start_learning_session app,service',
  'streak_after owner',
  'submit_daily_challenge_attempt app,service', 'submit_level_attempt app,service', 'tg__append_only owner',
  'tg__audit owner', 'tg__dashboard_changed owner', 'tg__prerequisites_valid owner', 'tg__timestamps owner', 'tg_users__bootstrap owner',
  'tg_users__valid_preferences owner', 'tg_xp_transactions__written_by_add_xp owner',
  'unlock_achievements owner', 'unlock_challenges owner', 'unread_notifications app,service', 'use_hint app,service',
  'user_challenge_status readonly,app,service', 'user_id_by_login service', 'xp_for_level readonly,app,service'
], 'each role should execute exactly its functions');

-- Every function that acts for a user, called for bob (other arguments NULL: the check comes first).
create function pg_temp.calls_for(p_role text, p_acting text, p_for text)
  returns setof text
  language sql
as $$
  select p.proname::text collate "default" || ' ' || tests.outcome_as(p_role, tests.user_id(p_acting),
           format('select progflow.%I(%L%s)', p.proname, tests.user_id(p_for), repeat(', null', p.pronargs - 1)))
    from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and p.proargnames[1] = 'p_user_id'
   order by p.proname collate "C"
$$;
select results_eq($$select pg_temp.calls_for('progflow_app', 'alice', 'bob')$$, $$values
  ('add_xp denied'), ('allocate_skill_point denied'), ('authorize denied'), ('award_xp denied'), ('calculate_user_streak denied'),
  ('check_and_unlock_challenges denied'), ('check_rate_limit denied'), ('evaluate_achievements denied'),
  ('leaderboard_around denied'), ('level_solution denied'), ('lock_user denied'), ('mark_notifications_read denied'), ('notifications_page denied'),
  ('open_level denied'), ('recommend_challenges denied'),
  ('record_assessment denied'), ('refresh_track_progress denied'), ('revealed_hints denied'), ('skill_points_available denied'),
  ('start_learning_session denied'), ('submit_daily_challenge_attempt denied'), ('submit_level_attempt denied'),
  ('unlock_achievements denied'), ('unlock_challenges denied'), ('unread_notifications denied'), ('use_hint denied'), ('user_challenge_status denied')
$$, 'progflow_app acting for alice should call no function for bob');
select results_eq($$select pg_temp.calls_for('progflow_readonly', 'alice', 'bob')$$,
  $$select pg_temp.calls_for('progflow_app', 'alice', 'bob')$$,
  'nor should progflow_readonly');
select results_eq($$select pg_temp.calls_for('progflow_app', null, 'bob')$$,
  $$select pg_temp.calls_for('progflow_app', 'alice', 'bob')$$,
  'nor progflow_app with no acting user');
select is_empty($$
  select c from pg_temp.calls_for('progflow_app', 'alice', 'alice') c
   where c ~ ' denied$' and split_part(c, ' ', 1) in (
           select p.proname from pg_proc p
            where p.pronamespace = 'progflow'::regnamespace and has_function_privilege('progflow_app', p.oid, 'execute'))
$$, 'progflow_app acting for alice should pass the check for every function it may call for her');

select is(tests.result_as('progflow_app', null, format('select progflow.recommend_challenges(%L)', tests.user_id('bob'))),
          '42501 role progflow_app has no acting user: set progflow.user_id for the transaction',
          'the error should say that the acting user is missing');
select is(tests.result_as('progflow_app', tests.user_id('alice'), format('select progflow.recommend_challenges(%L)', tests.user_id('bob'))),
          format('42501 acting user %s may not act for user %s', tests.user_id('alice'), tests.user_id('bob')),
          'and name both users when they differ');

select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('select progflow.end_learning_session(id) from progflow.learning_sessions where user_id = %L',
                   tests.user_id('bob'))),
          '0 rows', 'alice''s backend should not even find bob''s sessions');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('select progflow.end_learning_session(%L)',
                   (select id from progflow.learning_sessions where user_id = tests.user_id('bob')))),
          'denied', 'nor end one by its id');

-- Trusted jobs act for anyone, with no acting user; the batch jobs are theirs alone.
select is(tests.outcome_as('progflow_service', null,
            format('select * from progflow.submit_level_attempt(%L, %L, 2, ''{}'', ''[]'', 90)',
                   tests.user_id('bob'), '00000000-0000-0000-0000-0000000000c1')),
          '1 rows', 'progflow_service should act for bob with no acting user');
select results_eq($$
  select tests.outcome_as('progflow_app', tests.user_id('alice'), sql) from unnest(array[
    format('select progflow.award_xp(%L, 100000, ''admin'', null, null)', tests.user_id('alice')),
    'select progflow.set_daily_challenge(current_date + 1)', 'select progflow.close_daily_challenge(current_date)',
    'select progflow.refresh_leaderboards(''all_time'')',
    'select progflow.ensure_partitions()', 'select progflow.migrate_legacy_progress(''progflow.users'')',
    'select progflow.detach_attempt_partitions(''2000-01-01'')', 'select progflow.pick_daily_challenges()',
    'select progflow.close_ended_daily_challenges()', 'select progflow.refresh_leaderboards_since(''daily'', null)',
    'select progflow.apply_attempt_retention()', 'select progflow.run_job(''board-daily'')',
    'select progflow.repair_streaks(now() - interval ''1 day'', now(), ''outage'')',
    'select progflow.user_id_by_login(''bob@example.org'')',
    'select progflow.legacy_import_start(''progflow.users'')', 'select progflow.legacy_import_step(1)']) sql
$$, $$select 'denied' from generate_series(1, 16)$$,
  'progflow_app should run no job or import, repair no streak, look up no user and award itself no XP');

-- Every XP change names its writer in the ledger itself (the history was written by this
-- session, acting for no one); every achievement unlock has its audit row.
select is_empty($$
  select 'ledger ' || x.id from progflow.xp_transactions x
   where x.db_role is distinct from session_user::text or x.acting_user is not null
      or x.xact_id is distinct from pg_current_xact_id()
  union all
  select 'achievement ' || ua.id from progflow.user_achievements ua
   where not exists (select from progflow.audit_log a where a.action = 'achievement' and a.object_id = ua.id::text)
$$, 'every ledger row of the history should name its writer, and every achievement unlock have its audit row');

select * from finish();
rollback;
