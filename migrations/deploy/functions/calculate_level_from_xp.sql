-- Deploy progflow:functions/calculate_level_from_xp to pg
-- requires: functions/calculate_level_from_xp@v0.1.0
-- source: functions/progflow/calculate_level_from_xp.sql sha256:6f31750cd4f2a7ffd274b9378afd1980d32e46a82a781a623b59184af1bd74dd

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Player level from total XP: level L needs 50·L·(L−1) XP in total.
/*
  Without a pinned search_path, so that the planner inlines it: the XP path computes it for every
  award, and a pinned path (a setting changed and restored per call) cost more than the formula.
  Instead its body names every function, operator and type by schema, so no caller's path can swap
  one for a lookalike; OPERATOR() takes no precedence of its own, hence every parenthesis.
*/
create or replace function progflow.calculate_level_from_xp(total_xp integer)
  returns integer
  language sql
  immutable
  parallel safe
as $$
  select case
    when total_xp operator(pg_catalog.<=) 0 then 1
    else pg_catalog.floor(
           ((-1) operator(pg_catalog.+)
             pg_catalog.sqrt(1 operator(pg_catalog.+) ((8 operator(pg_catalog.*) total_xp::pg_catalog.numeric)
                                                        operator(pg_catalog./) 100)))
           operator(pg_catalog./) 2)::pg_catalog.int4 operator(pg_catalog.+) 1
  end
$$;

revoke all on function progflow.calculate_level_from_xp(integer) from public;
grant execute on function progflow.calculate_level_from_xp(integer) to progflow_readonly;

comment on function progflow.calculate_level_from_xp(integer) is
  E'Player level for a total XP: floor((−1 + √(1 + 8·XP/100)) / 2) + 1; 1 for 0 or less; NULL for NULL.\n\nErrors: none.\n\nExample: `select progflow.calculate_level_from_xp(300);` → 3';

commit;
