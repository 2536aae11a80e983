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
