-- Deploy progflow:functions/xp_for_level to pg
-- requires: schema
-- source: functions/progflow/xp_for_level.sql sha256:29d4895f5597be4ca8221375fcfcbac50b18a8654fc106a3d59d8cd74fd8d6be

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
  if level is null or level < 1 or level > 9000 then
    raise exception 'level must be between 1 and 9000, not %', coalesce(level::text, 'NULL')
      using errcode = 'invalid_parameter_value',
            hint = 'Player levels start at 1.';
  end if;
  return 50 * level * (level - 1);
end;
$$;

revoke all on function progflow.xp_for_level(integer) from public;
grant execute on function progflow.xp_for_level(integer) to progflow_readonly;

comment on function progflow.xp_for_level(integer) is
  E'Total XP needed to reach a player level: 50·L·(L−1) (level 2: 100, level 3: 300, level 10: 4,500).\n\nErrors: `22023` level NULL, below 1 or above 9000.\n\nExample: `select progflow.xp_for_level(10);` → 4500';

commit;
