-- Deploy progflow:functions/level_solution to pg
-- requires: earned-content
-- requires: functions/lock_user
-- requires: functions/open_level
-- requires: tables/hint_usage
-- requires: functions/authorize
-- source: functions/progflow/level_solution.sql sha256:4dc2d7c18c789d7543ad6984781ef1f8c86f4d9c80e7803f2de40aac0c3c5c22

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The solution approach of a level: free once the level is completed, otherwise at the full hint penalty.
/*
  The app role cannot read challenge_levels.solution_approach (nor hints): a learner earns them.
  After completing the level, reading it records nothing. Before, it is the last of the hints:
  every hint of the level not yet used is recorded as used (hint_usage), so a first pass after it
  earns what a fully hinted pass earns (docs/rules.md, XP for a level attempt); revealed_hints then
  shows them all. A level without a solution approach costs nothing.
*/
create or replace function progflow.level_solution(p_user_id uuid, p_challenge_id uuid, p_level_number integer)
  returns table (solution_approach text, hints_recorded integer)
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_level progflow.challenge_levels;
  v_completed boolean;
  v_recorded integer := 0;
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  v_level := progflow.open_level(p_user_id, p_challenge_id, p_level_number);
  select p_level_number = any (p.levels_completed) into v_completed
    from progflow.user_challenge_progress p where p.user_id = p_user_id and p.challenge_id = p_challenge_id;
  if not v_completed and v_level.solution_approach is not null then
    insert into progflow.hint_usage (user_id, challenge_id, level_number, hint_number, xp_penalty)
    select p_user_id, p_challenge_id, p_level_number, n, 10
      from generate_series(1, v_level.hint_count) n
     where not exists (select from progflow.hint_usage h
                        where h.user_id = p_user_id and h.challenge_id = p_challenge_id
                          and h.level_number = p_level_number and h.hint_number = n);
    get diagnostics v_recorded = row_count;
  end if;
  return query select v_level.solution_approach, v_recorded;
end;
$$;

revoke all on function progflow.level_solution(uuid, uuid, integer) from public;
grant execute on function progflow.level_solution(uuid, uuid, integer) to progflow_app;

comment on function progflow.level_solution(uuid, uuid, integer) is
  E'The solution approach of a level the user may work on. Once the user has completed the level it is free; before that, every hint of the level not yet used is recorded as used (`hint_usage`, penalty 10 each), so the first pass earns what a fully hinted pass earns (`revealed_hints` then shows them). A level without a solution approach costs nothing.\n\nReturns solution_approach (NULL when the catalogue has none, and then nothing is recorded) and hints_recorded (the hints this call recorded).\n\nErrors: `22023` NULL ids or a level outside 1–5; `P0002` unknown user, challenge or level; `PF001` challenge locked; `PF002` level locked; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.level_solution(''…user…'', ''…challenge…'', 1);`';
commit;
