-- Job: pick the daily challenge of every date that is today or tomorrow somewhere, ahead of time.
/*
  A daily challenge is open on its date in each user's time zone, and zones run from UTC−12 to
  UTC+14: at any instant up to three dates are "today" somewhere. Every one of them, and the day
  after the last (tomorrow where it comes first), gets its challenge here, in date order, so that
  set_daily_challenge's "not one of the 7 days before" sees the days before it picked. A date
  already set is left as it is; a runner that was down picks today's late rather than never.
*/
create or replace function progflow.pick_daily_challenges()
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_utc timestamp := now() at time zone 'UTC';
  v_date date;
  v_count integer := 0;
begin
  for v_date in
    select g.day::date
      from generate_series((v_utc - interval '12 hours')::date, (v_utc + interval '14 hours')::date + 1,
                           interval '1 day') g(day)
     order by g.day
  loop
    continue when exists (select from progflow.daily_challenges d where d.date = v_date);
    perform progflow.set_daily_challenge(v_date);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;

revoke all on function progflow.pick_daily_challenges() from public;
grant execute on function progflow.pick_daily_challenges() to progflow_service;

comment on function progflow.pick_daily_challenges() is
  E'Sets the daily challenge (set_daily_challenge, picked from the date) of every date that is today somewhere on Earth (UTC−12 to UTC+14) and of the day after the last of them, where none is set; in date order. The job `daily-challenge-pick` runs it every hour.\n\nReturns the number of dates picked (0 when all were set).\n\nErrors: `P0002` no active challenge is free for a date (every one was daily in the 7 days before).\n\nExample: `select progflow.pick_daily_challenges();`';
