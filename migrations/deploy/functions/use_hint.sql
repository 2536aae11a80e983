-- Deploy progflow:functions/use_hint to pg
-- requires: functions/use_hint@v0.1.0
-- source: functions/progflow/use_hint.sql sha256:a11260940c3e34692b32795ae489ac4e9e428a93ee7af851cb4eefc4a9512258

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Reveal the next hint of a level; each one costs 10 % of that level's first-pass XP (at most half).
create or replace function progflow.use_hint(p_user_id uuid, p_challenge_id uuid, p_level_number integer)
  returns table (hint_number integer, hint text, xp_penalty integer)
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_level progflow.challenge_levels;
  v_next integer;
  v_hint jsonb;
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  v_level := progflow.open_level(p_user_id, p_challenge_id, p_level_number);
  select coalesce(max(h.hint_number), 0) + 1 into v_next
    from progflow.hint_usage h
   where h.user_id = p_user_id and h.challenge_id = p_challenge_id and h.level_number = p_level_number;
  if v_next > jsonb_array_length(v_level.hints) then
    raise exception 'no hint left on level % of challenge % for user %: all % used', p_level_number, p_challenge_id,
                    p_user_id, jsonb_array_length(v_level.hints)
      using errcode = 'PF007', hint = 'Every hint of this level has been revealed; revealed_hints shows them again.';
  end if;
  v_hint := v_level.hints -> (v_next - 1);
  insert into progflow.hint_usage (user_id, challenge_id, level_number, hint_number, xp_penalty)
  values (p_user_id, p_challenge_id, p_level_number, v_next, 10);
  return query select v_next, coalesce(v_hint ->> 'text', v_hint #>> '{}'), 10;
end;
$$;

revoke all on function progflow.use_hint(uuid, uuid, integer) from public;
grant execute on function progflow.use_hint(uuid, uuid, integer) to progflow_app;

comment on function progflow.use_hint(uuid, uuid, integer) is
  E'Reveals the next hint of a level the user may work on and records it in `hint_usage` (penalty 10: each hint takes 10 % off the level''s first-pass XP, never below half).\n\nReturns hint_number (from 1), hint (the text) and xp_penalty.\n\nErrors: `22023` NULL ids or a level outside 1–5; `P0002` unknown user, challenge or level; `PF001` challenge locked; `PF002` level locked; `PF007` no hint left; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.use_hint(''…user…'', ''…challenge…'', 1);`';

commit;
