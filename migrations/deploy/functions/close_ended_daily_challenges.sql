-- Deploy progflow:functions/close_ended_daily_challenges to pg
-- requires: functions/close_daily_challenge
-- source: functions/progflow/close_ended_daily_challenges.sql sha256:3aed18dbb6e5275ec61d565898f84c3d999954407f357d03e7aa9cbada6574db

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Job: close every daily challenge whose date has ended in every time zone.
/*
  A date ends last at UTC−12, the westernmost zone: the day D is over everywhere from D + 1 at
  12:00 UTC. Until then someone may still be on D and may attempt its challenge, so no day is
  closed earlier. Every such day that is still open is closed, oldest first: a runner that was down
  for days closes each missed day once (closed_at), and its rank bonuses are paid once.
*/
create or replace function progflow.close_ended_daily_challenges()
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_date date;
  v_count integer := 0;
begin
  for v_date in
    select d.date
      from progflow.daily_challenges d
     where d.closed_at is null
       and d.date < ((now() at time zone 'UTC') - interval '12 hours')::date
     order by d.date
  loop
    perform progflow.close_daily_challenge(v_date);
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;

revoke all on function progflow.close_ended_daily_challenges() from public;
grant execute on function progflow.close_ended_daily_challenges() to progflow_service;

comment on function progflow.close_ended_daily_challenges() is
  E'Closes (close_daily_challenge: ranks, rank bonuses) every open daily challenge whose date has ended in every time zone, that is from 12:00 UTC on the day after it (UTC−12 is the last zone); oldest first. The job `daily-challenge-close` runs it every hour; days missed while no runner ran are closed on its next run, each once.\n\nReturns the number of days closed.\n\nErrors: `PF005` a day was closed by another call meanwhile (nothing is written; the next run goes on).\n\nExample: `select progflow.close_ended_daily_challenges();`';

commit;
