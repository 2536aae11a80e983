-- Revert progflow:functions/calculate_level_from_xp from pg: deploys the version of @v0.1.0 again
-- requires: schema

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Player level from total XP: level L needs 50·L·(L−1) XP in total.
create or replace function progflow.calculate_level_from_xp(total_xp integer)
  returns integer
  language sql
  immutable
  strict
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
  select case
    when total_xp <= 0 then 1
    else floor((-1 + sqrt(1 + 8 * total_xp::numeric / 100)) / 2)::integer + 1
  end
$$;

revoke all on function progflow.calculate_level_from_xp(integer) from public;
grant execute on function progflow.calculate_level_from_xp(integer) to progflow_readonly;

comment on function progflow.calculate_level_from_xp(integer) is
  E'Player level for a total XP: floor((−1 + √(1 + 8·XP/100)) / 2) + 1; 1 for 0 or less; NULL for NULL.\n\nErrors: none.\n\nExample: `select progflow.calculate_level_from_xp(300);` → 3';

commit;
