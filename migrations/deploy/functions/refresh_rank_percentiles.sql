-- Deploy progflow:functions/refresh_rank_percentiles to pg
-- requires: tables/user_stats
-- source: functions/progflow/refresh_rank_percentiles.sql sha256:f401dafd5c77270954494b53aa214cf14987d078eeb9116dc3e1b0bb7325bed8

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Every user's percentile on the all-time XP board.
create or replace function progflow.refresh_rank_percentiles()
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer;
begin
  with ranked as (
    select s.user_id, rank() over (order by s.total_xp desc) as rank, count(*) over () as total
      from progflow.user_stats s where s.total_xp > 0
  ),
  target as (
    select t.user_id, round((r.total - r.rank + 1) * 100.0 / r.total, 2) as percentile
      from progflow.user_stats t left join ranked r on r.user_id = t.user_id
  )
  update progflow.user_stats s
     set rank_percentile = g.percentile
    from target g
   where s.user_id = g.user_id and s.rank_percentile is distinct from g.percentile;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

revoke all on function progflow.refresh_rank_percentiles() from public;
grant execute on function progflow.refresh_rank_percentiles() to progflow_service;

comment on function progflow.refresh_rank_percentiles() is
  E'Sets every user''s `rank_percentile` from the all-time XP ranking: (ranked users − rank + 1) ÷ ranked users × 100, to 2 decimals; NULL for users at 0 XP. Only rows whose value changes are written.\n\nReturns the rows changed.\n\nErrors: none.\n\nExample: `select progflow.refresh_rank_percentiles();`';

commit;
