-- Deploy progflow:functions/refresh_leaderboards_since to pg
-- requires: functions/refresh_leaderboards
-- source: functions/progflow/refresh_leaderboards_since.sql sha256:4c0e2bc68cf30804b28d0bbb11708adcaba898c6cf72f3df4fe705de0eddb572

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Job: refresh the boards of a period type, from the period of a past instant to the current one.
/*
  A board job passes the start of its last successful run: every period from the one that run
  was in to the current one is refreshed, so the board of a period that ended after that run (the
  last minutes of yesterday, or whole days while no runner ran) is finished, and a run again is
  harmless. Without an instant (the first run), the current period only. The catch-up goes back a
  year at most: older periods keep the boards they have.
*/
create or replace function progflow.refresh_leaderboards_since(p_period progflow.leaderboard_period,
                                                               p_since timestamptz)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_today date := (now() at time zone 'UTC')::date;
  v_unit text;
  v_from date;
  v_date date;
  v_count integer := 0;
begin
  if p_period is null then
    raise exception 'period must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Use daily, weekly, monthly or all_time.';
  end if;
  if p_period = 'all_time' then
    return progflow.refresh_leaderboards('all_time');
  end if;
  v_unit := case p_period when 'daily' then 'day' when 'weekly' then 'week' else 'month' end;
  v_from := greatest(least(coalesce((p_since at time zone 'UTC')::date, v_today), v_today), v_today - 366);
  for v_date in
    select g.day::date
      from generate_series(date_trunc(v_unit, v_from), v_today, ('1 ' || v_unit)::interval) g(day)
     order by g.day
  loop
    v_count := v_count + progflow.refresh_leaderboards(p_period, v_date);
  end loop;
  return v_count;
end;
$$;

revoke all on function progflow.refresh_leaderboards_since(progflow.leaderboard_period, timestamptz) from public;
grant execute on function progflow.refresh_leaderboards_since(progflow.leaderboard_period, timestamptz) to progflow_service;

comment on function progflow.refresh_leaderboards_since(progflow.leaderboard_period, timestamptz) is
  E'Refreshes (refresh_leaderboards) the boards of every period of a type from the one holding `p_since` to the current one, in UTC, going back a year at most; the current one only when `p_since` is NULL or later than now; all_time once. The board jobs run it with the start of their last successful run, so periods that ended meanwhile are finished.\n\nReturns the rows written.\n\nErrors: `22023` NULL period.\n\nExample: `select progflow.refresh_leaderboards_since(''daily'', now() - interval ''3 days'');`';

commit;
