-- Deploy progflow:functions/streak_after to pg
-- requires: user_stats-streak_started_at
-- source: functions/progflow/streak_after.sql sha256:93b94a53837cd23634863731816938b3f1f1331d0cee082c210e70cbaa982a39

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The streak after an activity: a user's streak state, moved on by one attempt at one instant.
/*
  The rule (docs/rules.md, Streaks). An attempt falls on a calendar day of the user's time zone.
  The same day as the last activity day, or a day before it (a zone moved west), changes nothing;
  the next day adds one; a later day starts over at 1. Zones let a user step onto the next
  calendar day early (moving east), so the next day adds one only while the streak keeps within
  real time: a streak of n days needs n − 2 whole days (24 h) since its first attempt, which is
  what the fastest honest user reaches (first attempt at 23:59, each next one just after
  midnight). A next day that comes too early keeps the streak going without adding to it. No
  sequence of time zones can then grow a streak faster than the clock.
*/
create or replace function progflow.streak_after(p_stats progflow.user_stats, p_at timestamptz, p_timezone text)
  returns table (current_streak_days integer, last_activity_date date, streak_started_at timestamptz)
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_day date := (p_at at time zone p_timezone)::date;
  v_last date := p_stats.last_activity_date;
  v_streak integer := p_stats.current_streak_days;
  v_started timestamptz;
begin
  if p_timezone is null or not isfinite(p_at) then
    raise exception 'an attempt needs a finite time and a time zone, not % in %', coalesce(p_at::text, 'NULL'),
                    coalesce(quote_literal(p_timezone), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Pass the attempt''s time and the user''s zone (UTC when none).';
  end if;
  if v_last is null or v_streak = 0 or v_day > v_last + 1 then
    return query select 1, greatest(v_day, v_last), p_at;
    return;
  end if;
  -- a streak counted before streak_started_at was kept: the start of its first day stands in
  v_started := coalesce(p_stats.streak_started_at, (v_last - v_streak + 1)::timestamp at time zone p_timezone);
  if v_day <= v_last then
    return query select v_streak, v_last, v_started;
  elsif v_streak + 1 <= 2 + floor(extract(epoch from p_at - v_started) / 86400) then
    return query select v_streak + 1, v_day, v_started;
  else
    return query select v_streak, v_day, v_started;
  end if;
end;
$$;

revoke all on function progflow.streak_after(progflow.user_stats, timestamptz, text) from public;

comment on function progflow.streak_after(progflow.user_stats, timestamptz, text) is
  E'The streak state after an attempt at `p_at` in time zone `p_timezone`, from the user''s `user_stats` row (docs/rules.md, Streaks): the same or an earlier calendar day keeps it; the next day adds one while a streak of n days has had n − 2 whole days of real time since its first attempt (otherwise it keeps the streak going without adding to it); a later day starts over at 1. Reads nothing else; `submit_level_attempt` writes what it returns.\n\nReturns current_streak_days, last_activity_date, streak_started_at.\n\nErrors: `22023` an unknown or NULL time zone, or a time that is NULL or infinite.\n\nExample: `select * from progflow.streak_after(s, now(), ''Europe/Berlin'') from progflow.user_stats s where s.user_id = ''…user id…'';`';
commit;
