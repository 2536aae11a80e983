-- Revert progflow:streak_after-null-time from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

set local check_function_bodies = off;

create or replace function progflow.streak_after(p_stats progflow.user_stats, p_at timestamp with time zone, p_timezone text)
 returns table(current_streak_days integer, last_activity_date date, streak_started_at timestamp with time zone)
 language plpgsql
 stable
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
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
$function$;

commit;
