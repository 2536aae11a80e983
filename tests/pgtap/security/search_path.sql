-- A search_path attack: lookalike functions, operators and tables in a schema (and pg_temp) that
-- the caller puts before pg_catalog. SECURITY DEFINER functions pin their own path, so none of it
-- runs with the owner's rights: every call gives what it gives without the attack.
begin;
select plan(5);

select tests.load_catalogue();
select tests.full_history(u) from unnest(array['alice', 'bob']) u;
select tests.create_user('cara');
select progflow.award_xp(tests.user_id('alice'), 5000, 'admin', null, 'skill points to spend');
insert into progflow.assessment_questions (slug, assessment_type, position, topic, difficulty, question, options, answer)
values ('search-path-q', 'periodic', 1, 't', 'beginner', 'q?', '["a", "b"]', 0);

create schema evil;
create function evil.hijacked() returns boolean language plpgsql as $$
begin
  raise exception 'hijacked: a lookalike ran' using errcode = 'PFT01';
end;
$$;
create function evil.now() returns timestamptz language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.jsonb_typeof(jsonb) returns text language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.jsonb_array_length(jsonb) returns integer language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.octet_length(text) returns integer language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.length(text) returns integer language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.lower(text) returns text language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.current_setting(text, boolean) returns text language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.pg_has_role(name, oid, text) returns boolean language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.pg_has_role(name, name, text) returns boolean language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.gen_random_uuid() returns uuid language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.floor(numeric) returns numeric language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.round(numeric, integer) returns numeric language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.uuid_eq(uuid, uuid) returns boolean language plpgsql as $$begin return evil.hijacked(); end$$;
create function evil.int_eq(integer, integer) returns boolean language plpgsql as $$begin return evil.hijacked(); end$$;
create function evil.text_eq(text, text) returns boolean language plpgsql as $$begin return evil.hijacked(); end$$;
create function evil.text_ne(text, text) returns boolean language plpgsql as $$begin return evil.hijacked(); end$$;
create function evil.int_plus(integer, integer) returns integer language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create function evil.jsonb_field(jsonb, text) returns text language plpgsql as $$begin perform evil.hijacked(); return null; end$$;
create operator evil.= (leftarg = uuid, rightarg = uuid, function = evil.uuid_eq);
create operator evil.= (leftarg = integer, rightarg = integer, function = evil.int_eq);
create operator evil.= (leftarg = text, rightarg = text, function = evil.text_eq);
create operator evil.<> (leftarg = text, rightarg = text, function = evil.text_ne);
create operator evil.+ (leftarg = integer, rightarg = integer, function = evil.int_plus);
create operator evil.->> (leftarg = jsonb, rightarg = text, function = evil.jsonb_field);
grant usage on schema evil to public;
grant execute on all functions in schema evil to public;
-- Lookalike tables in the session's temporary schema, which comes first unless a path names it.
create temporary table user_stats (user_id uuid, total_xp integer);
create temporary table users (id uuid, preferences jsonb);
grant all on pg_temp.user_stats, pg_temp.users to public;

-- The calls of each role, as (role, acting user, statement); the statements' own operators are
-- spelled out, so that only what runs inside the functions meets the lookalikes.
create temporary table calls (role text, acting text, sql text);
insert into calls
select 'progflow_app', 'alice', format(s, tests.user_id('alice'), '00000000-0000-0000-0000-0000000000c1') from unnest(array[
  'select * from progflow.submit_level_attempt(%L, %L, 2, ''{"nodes": []}'', ''[]'', 95, 12, ''k-2'')',
  'select * from progflow.use_hint(%L, %L, 2)',
  'select * from progflow.level_solution(%L, %L, 2)',
  'select * from progflow.revealed_hints(%L, %L, 2)',
  'select progflow.allocate_skill_point(%L, ''00000000-0000-0000-0000-0000000000e1'')',
  'select progflow.start_learning_session(%L, ''challenge'', %L)',
  'select progflow.end_learning_session(id) from progflow.learning_sessions where user_id operator(pg_catalog.=) %L',
  'select progflow.mark_notifications_read(%L)',
  'select * from progflow.notifications_page(%L)',
  'select progflow.unread_notifications(%L)',
  'select * from progflow.public_profile(%L)',
  'select * from progflow.leaderboard_around(%L, ''all_time'')',
  'select progflow.record_assessment(%L, ''periodic'', ''["search-path-q"]'', ''[0]'')',
  'select * from progflow.check_and_unlock_challenges(%L)',
  'select * from progflow.evaluate_achievements(%L)',
  'select * from progflow.recommend_challenges(%L)',
  'select * from progflow.user_challenge_status(%L)',
  'select progflow.calculate_user_streak(%L)',
  'select progflow.skill_points_available(%L)',
  'select * from progflow.user_dashboard where id operator(pg_catalog.=) %L',
  'select progflow.calculate_level_from_xp(1000) from progflow.users where id operator(pg_catalog.=) %L',
  'select progflow.rank_title(42), progflow.skill_points_earned(12), progflow.board_key(null, 12) from progflow.users where id operator(pg_catalog.=) %L']) s
union all
select 'progflow_app', 'cara', format('select progflow.submit_daily_challenge_attempt(%L, (pg_catalog.now() at time zone ''UTC'')::date, 70)',
                                      tests.user_id('cara'))
union all
select 'progflow_service', null, format(s, tests.user_id('bob')) from unnest(array[
  'select progflow.award_xp(%L, 40, ''admin'', null, ''attack test'')',
  'select progflow.set_daily_challenge((pg_catalog.now() at time zone ''UTC'')::date + 1)',
  'select progflow.close_daily_challenge((pg_catalog.now() at time zone ''UTC'')::date)',
  'select progflow.refresh_leaderboards(''weekly'')',
  'select progflow.ensure_partitions(4)',
  'select progflow.pick_daily_challenges()',
  'select progflow.close_ended_daily_challenges()',
  'select progflow.refresh_leaderboards_since(''daily'', pg_catalog.now() operator(pg_catalog.-) interval ''2 days'')',
  'select progflow.repair_streaks(pg_catalog.now() operator(pg_catalog.-) interval ''3 days'', pg_catalog.now() operator(pg_catalog.-) interval ''2 days'', ''attack test'')',
  'select * from progflow.run_job(''board-all-time'')',
  'select progflow.user_id_by_login(''Bob@Example.org'')']) s;

create function pg_temp.outcomes(p_path text) returns setof text language sql as $$
  select c.sql || ' → ' || tests.outcome_as(c.role, tests.user_id(c.acting), c.sql, p_path)
    from calls c order by c.sql collate "C"
$$;

-- The trap works: code that does not pin its path runs the lookalikes.
create function public.unpinned_probe(p_user uuid) returns boolean language plpgsql as $$
begin
  return p_user = p_user;
end;
$$;
grant execute on function public.unpinned_probe(uuid) to public;
select is(tests.outcome_as('progflow_app', tests.user_id('alice'),
            format('select public.unpinned_probe(%L)', tests.user_id('alice')), 'evil, pg_catalog'),
          'error PFT01', 'a function without a pinned search_path should run the lookalike operator (the trap works)');

select is_empty($$select o from pg_temp.outcomes(null) o where o !~ ' → [0-9]+ rows$'$$,
  'every call should succeed without the attack');
select results_eq($$select pg_temp.outcomes('evil, pg_catalog, public')$$, $$select pg_temp.outcomes(null)$$,
  'with lookalikes in a schema before pg_catalog, every call should do exactly what it does without them');
select results_eq($$select pg_temp.outcomes('pg_temp, evil, pg_catalog')$$, $$select pg_temp.outcomes(null)$$,
  'and with lookalike tables in pg_temp first');
select is_empty($$
  select p.oid::regprocedure from pg_proc p
   where p.pronamespace = 'progflow'::regnamespace and p.prosecdef
     and (has_function_privilege('progflow_app', p.oid, 'execute') or has_function_privilege('progflow_service', p.oid, 'execute'))
     and not exists (select from calls c where c.sql ~ ('progflow\.' || p.proname || '\('))
$$, 'every SECURITY DEFINER function a role may call should be among the attacked calls');

select * from finish();
rollback;
