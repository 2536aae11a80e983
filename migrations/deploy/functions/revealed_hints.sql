-- Deploy progflow:functions/revealed_hints to pg
-- requires: functions/level_solution
-- requires: earned-content
-- requires: tables/hint_usage
-- requires: functions/authorize
-- source: functions/progflow/revealed_hints.sql sha256:e046a6a2a01e95c4a65e232c2fc30a0965e7c98658a33987a3eb87e654f97d91

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The hints a user has revealed on a level, to show again: only those already recorded.
/*
  The app role cannot read challenge_levels.hints. use_hint reveals the next hint and records it;
  this shows again what was recorded (after a reload, or once level_solution recorded them all),
  and nothing more: a hint never revealed stays out of reach.
*/
create or replace function progflow.revealed_hints(p_user_id uuid, p_challenge_id uuid, p_level_number integer)
  returns table (hint_number integer, hint text)
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  perform progflow.authorize(p_user_id);
  if p_challenge_id is null or p_level_number is null then
    raise exception 'challenge id and level number must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass the level whose hints to show.';
  end if;
  return query
    select h.hint_number, coalesce(l.hints -> (h.hint_number - 1) ->> 'text', l.hints -> (h.hint_number - 1) #>> '{}')
      from progflow.hint_usage h
      join progflow.challenge_levels l on l.challenge_id = h.challenge_id and l.level_number = h.level_number
     where h.user_id = p_user_id and h.challenge_id = p_challenge_id and h.level_number = p_level_number
     order by h.hint_number;
end;
$$;

revoke all on function progflow.revealed_hints(uuid, uuid, integer) from public;
grant execute on function progflow.revealed_hints(uuid, uuid, integer) to progflow_app;

comment on function progflow.revealed_hints(uuid, uuid, integer) is
  E'The hints of a level that the user has revealed (with `use_hint`, or all of them with `level_solution`), in order, to show again; a hint not yet revealed is never returned. Records nothing.\n\nReturns hint_number (from 1) and hint (the text); no rows when none was revealed.\n\nErrors: `22023` NULL ids; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.revealed_hints(''…user…'', ''…challenge…'', 1);`';

commit;
