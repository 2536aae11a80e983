-- Deploy progflow:functions/open_level to pg
-- requires: tables/challenge_levels
-- requires: tables/user_challenge_progress
-- source: functions/progflow/open_level.sql sha256:97312693f45ae505e576667c2228b33e4eaa02e495dcffd85656adcda6cd61e0

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- A level the user may work on now: the challenge is unlocked for them and the level before is completed.
create or replace function progflow.open_level(p_user_id uuid, p_challenge_id uuid, p_level_number integer)
  returns progflow.challenge_levels
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_level progflow.challenge_levels;
  v_title text;
  v_unlocked boolean;
  v_completed integer[];
begin
  if p_challenge_id is null then
    raise exception 'challenge id must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass the id of a challenge.';
  end if;
  if p_level_number is null or p_level_number not between 1 and 5 then
    raise exception 'level_number must be between 1 and 5, not %', coalesce(p_level_number::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Every challenge has levels 1 to 5.';
  end if;
  select c.title into v_title from progflow.challenges c where c.id = p_challenge_id and c.is_active;
  if not found then
    raise exception 'challenge % does not exist or was retired', p_challenge_id
      using errcode = 'no_data_found', hint = 'Check the id against progflow.challenges (is_active).';
  end if;
  select * into v_level from progflow.challenge_levels l
   where l.challenge_id = p_challenge_id and l.level_number = p_level_number;
  if not found then
    raise exception 'challenge % (%) has no level %', v_title, p_challenge_id, p_level_number
      using errcode = 'no_data_found', hint = 'The catalogue is incomplete; reload it with progflow seed.';
  end if;
  select p.unlock_date is not null, p.levels_completed into v_unlocked, v_completed
    from progflow.user_challenge_progress p where p.user_id = p_user_id and p.challenge_id = p_challenge_id;
  if not coalesce(v_unlocked, false) then
    raise exception 'challenge % (%) is locked for user %', v_title, p_challenge_id, p_user_id
      using errcode = 'PF001', hint = 'Complete its prerequisites (and meet its unlock rules) first.';
  end if;
  if p_level_number > 1 and not (p_level_number - 1 = any (v_completed)) then
    raise exception 'level % of % is locked for user %: level % is not completed', p_level_number, v_title,
                    p_user_id, p_level_number - 1
      using errcode = 'PF002', hint = 'Levels open in order: pass the level before it first.';
  end if;
  return v_level;
end;
$$;

revoke all on function progflow.open_level(uuid, uuid, integer) from public;

comment on function progflow.open_level(uuid, uuid, integer) is
  E'Checks that a user may work on a level now and returns the level''s catalogue row.\n\nErrors: `22023` NULL challenge or level outside 1–5; `P0002` unknown or retired challenge, or a level missing from the catalogue; `PF001` the challenge is locked for the user; `PF002` the level before is not completed.\n\nExample: `select (progflow.open_level(''…user…'', ''…challenge…'', 2)).xp_reward;`';

commit;
