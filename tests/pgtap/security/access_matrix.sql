-- The access matrix: every table and view with user data, every operation, as progflow_app and
-- progflow_readonly acting for alice against bob's rows, with no acting user, and as
-- progflow_service. A table or view with user data that is added without its row-level security
-- (or without being listed here) fails the first assertions.
begin;
select plan(27);

select tests.load_catalogue();
select tests.full_history(u) from unnest(array['alice', 'bob']) u;
select progflow.refresh_leaderboards('all_time');

create temporary table relations on commit drop as select * from tests.user_relations();
create function pg_temp.matrix(p_role text, p_acting text, p_operation text)
  returns setof text
  language sql
as $$
  select r.name || ' ' || tests.outcome_as(p_role, tests.user_id(p_acting), format(
           case p_operation
             when 'select' then 'select 1 from progflow.%1$I where %2$I = %3$L'
             when 'update' then 'update progflow.%1$I set %4$I = %4$I where %2$I = %3$L'
             when 'delete' then 'delete from progflow.%1$I where %2$I = %3$L'
             when 'insert' then 'insert into progflow.%1$I (%2$I) values (%3$L)'
             when 'truncate' then 'truncate progflow.%1$I'
           end,
           r.name, r.key, tests.user_id('bob'), case r.name when 'users' then 'username' else r.key end))
    from relations r
   where p_operation = 'select' or r.kind <> 'v'  -- views are read-only to every role (see grants.sql)
   order by r.name collate "C"
$$;

-- Without this, every "0 rows" below could be an empty table.
select is_empty($$
  select r.name || ' has no rows of ' || u from relations r, unnest(array['alice', 'bob']) u
   where r.kind <> 'v' and tests.outcome_as(current_user, null,
           format('select 1 from progflow.%I where %I = %L', r.name, r.key, tests.user_id(u))) = '0 rows'
$$, 'the data set should have rows of both users in every table with user data');

select results_eq($$select name from relations order by name collate "C"$$, array[
  'assessment_results', 'attempt_requests', 'audit_log', 'challenge_prerequisites_status', 'current_leaderboard',
  'daily_challenge_attempts', 'hint_usage', 'leaderboard_entries', 'leaderboard_page', 'learning_sessions',
  'level_attempts', 'notifications', 'user_achievements', 'user_challenge_progress', 'user_dashboard',
  'user_skills', 'user_stats', 'user_track_progress', 'users', 'xp_transactions'
], 'these tables and views hold user data (a new one must be added to the matrix)');

create function pg_temp.bobs(p_relation text) returns text language sql as $$
  select tests.outcome_as(current_user, null, format('select 1 from progflow.%I where user_id = %L', p_relation, tests.user_id('bob')))
$$;
select results_eq($$select pg_temp.matrix('progflow_app', 'alice', 'select')$$, array[
  'assessment_results 0 rows', 'attempt_requests 0 rows', 'audit_log denied', 'challenge_prerequisites_status 0 rows',
  'current_leaderboard denied', 'daily_challenge_attempts 0 rows', 'hint_usage 0 rows',
  'leaderboard_entries ' || pg_temp.bobs('leaderboard_entries'), 'leaderboard_page ' || pg_temp.bobs('leaderboard_page'),
  'learning_sessions 0 rows', 'level_attempts 0 rows', 'notifications 0 rows',
  'user_achievements 0 rows', 'user_challenge_progress 0 rows', 'user_dashboard 0 rows', 'user_skills 0 rows',
  'user_stats 0 rows', 'user_track_progress 0 rows', 'users 0 rows', 'xp_transactions 0 rows'
], 'progflow_app acting for alice should see none of bob''s rows but his public leaderboard entries');

select results_eq($$select pg_temp.matrix('progflow_app', 'alice', op) from unnest(array['update', 'delete']) op$$,
  $$select r.name || case when r.name = 'users' then ' 0 rows' else ' denied' end
      from relations r, unnest(array['update', 'delete']) op where r.kind <> 'v' order by op desc, r.name collate "C"$$,
  'progflow_app acting for alice should change no row of bob''s: denied, or no row matched in users');

select results_eq($$select pg_temp.matrix('progflow_app', 'alice', op) from unnest(array['insert', 'truncate']) op$$,
  $$select r.name || ' denied' from relations r, unnest(array['insert', 'truncate']) op where r.kind <> 'v' order by op, r.name collate "C"$$,
  'progflow_app acting for alice should insert no row for bob and truncate nothing');

select results_eq($$select pg_temp.matrix('progflow_readonly', 'alice', 'select')$$,
  $$select pg_temp.matrix('progflow_app', 'alice', 'select')$$,
  'progflow_readonly acting for alice should see what progflow_app sees: nothing of bob''s but the leaderboards');

select results_eq(
  $$select pg_temp.matrix('progflow_readonly', 'alice', op) from unnest(array['update', 'delete', 'insert', 'truncate']) op$$,
  $$select r.name || ' denied' from relations r, unnest(array['update', 'delete', 'insert', 'truncate']) op
     where r.kind <> 'v' order by array_position(array['update', 'delete', 'insert', 'truncate'], op), r.name collate "C"$$,
  'progflow_readonly should write nothing');

select results_eq($$select pg_temp.matrix('progflow_app', null, 'select')$$,
  $$select r.name || case when r.name in ('audit_log', 'current_leaderboard') then ' denied'
                          when r.name like 'leaderboard%' then ' ' || pg_temp.bobs(r.name) else ' 0 rows' end
      from relations r order by r.name collate "C"$$,
  'progflow_app with no acting user (as after COMMIT on a pooled connection) should see no user''s rows');

-- What alice sees of her own.
select results_eq($$
  select r.name || ' ' || (tests.outcome_as('progflow_app', tests.user_id('alice'),
           format('select 1 from progflow.%I where %I = %L', r.name, r.key, tests.user_id('alice'))) ~ '^[1-9][0-9]* rows$')
    from relations r where r.name not in ('audit_log', 'current_leaderboard') order by r.name collate "C"
$$, $$select r.name || ' true' from relations r where r.name not in ('audit_log', 'current_leaderboard') order by r.name collate "C"$$,
  'progflow_app acting for alice should see her own rows everywhere');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('update progflow.users set display_name = %L where id = %L', 'Alice', tests.user_id('alice'))),
          '1 rows', 'alice''s backend may edit her profile');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('update progflow.users set id = %L where id = %L', tests.user_id('eve'), tests.user_id('alice'))),
          'denied', 'but not her id');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('update progflow.user_stats set total_xp = 1000000 where user_id = %L', tests.user_id('alice'))),
          'denied', 'nor her XP total: the ledger decides it');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('insert into progflow.xp_transactions (user_id, amount, source_type) values (%L, 500, %L)',
                   tests.user_id('alice'), 'admin')),
          'denied', 'nor add to her ledger');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('delete from progflow.users where id = %L', tests.user_id('alice'))),
          '1 rows', 'alice''s backend may delete her account (her data goes with it)');
select is(tests.outcome_as('progflow_app', tests.user_id('carol'),
            format('insert into progflow.users (id, email, username) values (%L, %L, %L)',
                   tests.user_id('carol'), 'carol@example.org', 'carol')),
          '1 rows', 'a backend signs a user up by acting as the new id first');
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('insert into progflow.users (id, email, username) values (%L, %L, %L)',
                   tests.user_id('mallory'), 'mallory@example.org', 'mallory')),
          'denied', 'but cannot create a user other than the acting one');

-- The catalogue: readable by all, written by the owner only.
select results_eq($$
  select c.relname::text collate "default" || ' ' || string_agg(tests.outcome_as(role, tests.user_id('alice'), format(sql, c.relname)),
                                                     ', ' order by role, sql)
    from pg_class c,
         unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role,
         unnest(array['update progflow.%I set id = id', 'delete from progflow.%I', 'insert into progflow.%I default values',
                      'truncate progflow.%I']) sql
   where c.relnamespace = 'progflow'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
     and c.relname not in (select name from relations) and c.relname not in ('jobs', 'job_runs')
     and c.relname !~ '^legacy_'
   group by c.relname order by c.relname::text collate "C"
$$, $$
  select t || ' ' || array_to_string(array_fill('denied'::text, array[12]), ', ')
    from unnest(array['achievements', 'assessment_questions', 'challenge_levels', 'challenges', 'daily_challenges',
                      'game_settings', 'leaderboard_ranks', 'learning_tracks', 'skills']) t
$$, 'no role but the owner should change the catalogue, nor the boards'' ranks (written by their refresh)');
select is_empty($$
  select c.relname from pg_class c
   where c.relnamespace = 'progflow'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
     and c.relname not in (select name from relations) and c.relname not in ('jobs', 'job_runs')
     and c.relname !~ '^legacy_'
     and tests.outcome_as('progflow_readonly', null, format('select 1 from progflow.%I', c.relname)) !~ '^[0-9]+ rows$'
$$, 'every role should read the catalogue');

-- What a learner earns is not among the catalogue's readable columns: hints come through use_hint,
-- the solution approach through level_solution, and only record_assessment reads the answer key.
create temporary table earned (sql text) on commit drop;
insert into earned values ('select hints from progflow.challenge_levels'),
                          ('select solution_approach from progflow.challenge_levels'),
                          ('select * from progflow.challenge_levels'),
                          ('select answer from progflow.assessment_questions'),
                          ('select * from progflow.assessment_questions');
select results_eq($$
  select role || ': ' || e.sql || ' ' || tests.outcome_as(role, tests.user_id('alice'), e.sql)
    from unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role, earned e
   order by role, e.sql collate "C"
$$, $$
  select role || ': ' || e.sql || ' denied'
    from unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role, earned e
   order by role, e.sql collate "C"
$$, 'no role should read hints, solution approaches or the assessment''s answers (42501), nor select * of their tables');
select results_eq($$
  select role || ' ' || tests.result_as(role, tests.user_id('alice'),
                                        'select count(*) || '' levels, '' || sum(hint_count) || '' hints'' from progflow.challenge_levels')
    from unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role order by role
$$, $$values ('progflow_app 20 levels, 45 hints'), ('progflow_readonly 20 levels, 45 hints'),
             ('progflow_service 20 levels, 45 hints')$$,
  'every role should read how many hints each level has (hint_count)');

-- The game's rules: readable by every role, written by the owner only.
select results_eq($$
  select role || ' reads ' || tests.result_as(role, tests.user_id('alice'),
                                              'select max_submissions_per_minute from progflow.game_settings')
         || ', update acting for alice: '
         || tests.outcome_as(role, tests.user_id('alice'), 'update progflow.game_settings set max_submissions_per_minute = 100000')
         || ', update with no acting user: '
         || tests.outcome_as(role, null, 'update progflow.game_settings set max_submissions_per_minute = 100000')
    from unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role order by role
$$, $$values ('progflow_app reads 30, update acting for alice: denied, update with no acting user: denied'),
             ('progflow_readonly reads 30, update acting for alice: denied, update with no acting user: denied'),
             ('progflow_service reads 30, update acting for alice: denied, update with no acting user: denied')$$,
  'every role should read game_settings, and none should change it (42501)');

-- The job schedule and its run log: the owner writes them (run_job the log); trusted jobs and
-- monitoring read them; the backend and analytics do not see them.
select results_eq($$
  select t || ' ' || string_agg(tests.outcome_as(role, null, format(sql, t)), ', ' order by role, sql)
    from unnest(array['jobs', 'job_runs', 'job_status']) t,
         unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role,
         unnest(array['select 1 from progflow.%I', 'delete from progflow.%I',
                      'insert into progflow.%I default values']) sql
   group by t order by t
$$, $$values
  ('job_runs denied, denied, denied, denied, denied, denied, denied, denied, 0 rows'),
  ('job_status error 55000, error 55000, denied, error 55000, error 55000, denied, error 55000, error 55000, 8 rows'),
  ('jobs denied, denied, denied, denied, denied, denied, denied, denied, 8 rows')
$$, 'only progflow_service should read the job schedule, its log and its status (a view no one can write: 55000), and no role should write them');

-- The legacy import's records (its input, outcomes and the old ids): the owner's, who runs the
-- import; support tools (progflow_service) may look a learner up by an old id, and nothing more.
insert into progflow.legacy_imports (source, finished_at) values ('a test', now());
insert into progflow.legacy_user_map (legacy_id, user_id) values ('1042', tests.user_id('bob'));
select results_eq($$
  select t || ' ' || string_agg(tests.outcome_as(role, null, format(sql, t)), ', ' order by role, sql)
    from unnest(array['legacy_import_progress', 'legacy_import_users', 'legacy_imports', 'legacy_user_map']) t,
         unnest(array['progflow_app', 'progflow_readonly', 'progflow_service']) role,
         unnest(array['select 1 from progflow.%I', 'delete from progflow.%I', 'insert into progflow.%I default values']) sql
   group by t order by t
$$, $$values
  ('legacy_import_progress denied, denied, denied, denied, denied, denied, denied, denied, denied'),
  ('legacy_import_users denied, denied, denied, denied, denied, denied, denied, denied, denied'),
  ('legacy_imports denied, denied, denied, denied, denied, denied, denied, denied, denied'),
  ('legacy_user_map denied, denied, denied, denied, denied, denied, denied, denied, 1 rows')
$$, 'only the owner should read or write the legacy import''s records; progflow_service should read the old ids');

-- Public profiles: every role sees bob's (public_profile), not his users row; not when he makes it private.
select results_eq($$
  select r.role || ' ' || tests.outcome_as(r.role, tests.user_id(r.acting),
                                           format('select * from progflow.public_profile(%L)', tests.user_id('bob')))
    from (values ('progflow_app', 'alice'), ('progflow_app', null), ('progflow_readonly', 'alice')) r(role, acting)
  union all
  select 'private ' || tests.outcome_as('progflow_app', tests.user_id('alice'),
           format('update progflow.users set preferences = ''{"profile_visibility": "private"}'' where id = %L;'
                  || 'select * from progflow.public_profile(%L)', tests.user_id('bob'), tests.user_id('bob')))
$$, $$values ('progflow_app 1 rows'), ('progflow_app 1 rows'), ('progflow_readonly 1 rows'), ('private 1 rows')$$,
  'every role should read a public profile of bob''s (and alice''s backend cannot make his private: it updates 0 rows)');

-- Trusted jobs read everyone's rows and still write nothing directly.
select results_eq($$select pg_temp.matrix('progflow_service', null, 'select')$$,
  $$select r.name || ' ' || tests.outcome_as(current_user, null,
             format('select 1 from progflow.%I where %I = %L', r.name, r.key, tests.user_id('bob'))) collate "default"
      from relations r order by r.name collate "C"$$,
  'progflow_service should see every row of bob''s, as the owner does');
select results_eq($$select m from pg_temp.matrix('progflow_service', null, 'insert') m where m !~ '^users '$$,
  $$select r.name || ' denied' from relations r where r.kind <> 'v' and r.name <> 'users' order by r.name collate "C"$$,
  'progflow_service should write no game state directly');
select is(tests.outcome_as('progflow_service', null,
            format('insert into progflow.users (id, email, username) values (%L, %L, %L)',
                   tests.user_id('dave'), 'dave@example.org', 'dave')),
          '1 rows', 'progflow_service may create any user (imports, administration)');

select * from finish();
rollback;
