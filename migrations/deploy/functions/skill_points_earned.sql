-- Deploy progflow:functions/skill_points_earned to pg
-- requires: schema
-- requires: roles
-- source: functions/progflow/skill_points_earned.sql sha256:561aaae1abe4c307ad20809f83ca8c76d689a2d61dd4eb5abb5aab838eecea2c

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Skill points earned at a player level: floor(L/5) + floor(L/10) (docs/rules.md, Skill tree).
/*
  The formula in one place, for skill_points_available and the dashboard. Without a pinned
  search_path, so that the planner inlines it into the dashboard's read; its operators are named
  by schema instead, as in calculate_level_from_xp.
*/
create or replace function progflow.skill_points_earned(level integer)
  returns integer
  language sql
  immutable
  parallel safe
as $$
  select (level operator(pg_catalog./) 5) operator(pg_catalog.+) (level operator(pg_catalog./) 10)
$$;

revoke all on function progflow.skill_points_earned(integer) from public;
grant execute on function progflow.skill_points_earned(integer) to progflow_readonly;

comment on function progflow.skill_points_earned(integer) is
  E'Skill points earned at a player level: floor(L/5) + floor(L/10) (docs/rules.md, Skill tree). NULL for NULL.\n\nErrors: none.\n\nExample: `select progflow.skill_points_earned(12);` → 3';

commit;
