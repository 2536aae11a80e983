-- Deploy progflow:functions/xp_for_level to pg
-- requires: schema
-- source: functions/progflow/xp_for_level.sql sha256:eff3be20d080e8b828b8d4fdc0a002cb8d3804121b6edb3372849c7b04a1f762

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Total XP needed to reach a player level.
create or replace function progflow.xp_for_level(level integer)
  returns integer
  language plpgsql
  immutable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
begin
  -- 6554 is the highest level whose total fits an integer, as total_xp does.
  if level is null or level < 1 or level > 6554 then
    raise exception 'level must be between 1 and 6554, not %', coalesce(level::text, 'NULL')
      using errcode = 'invalid_parameter_value',
            hint = 'Player levels start at 1; 6554 is the highest a total_xp can reach.';
  end if;
  return 50 * level * (level - 1);
end;
$$;

revoke all on function progflow.xp_for_level(integer) from public;
grant execute on function progflow.xp_for_level(integer) to progflow_readonly;

comment on function progflow.xp_for_level(integer) is
  E'Total XP needed to reach a player level: 50·L·(L−1) (level 2: 100, level 3: 300, level 10: 4,500).\n\nErrors: `22023` level NULL, below 1 or above 6554 (the highest level an integer total reaches).\n\nExample: `select progflow.xp_for_level(10);` → 4500';

commit;
