-- Keep the streaks that an outage of the platform broke.
/*
  While the platform was down, nobody could keep a streak. For each user the outage covers local
  days (in their time zone), from the one it began on to the one it ended on. A user whose
  current streak began on one of those days, or on the day after them, after a gap made of the
  outage's days only, and who was active on the day before the outage or on its first day, gets
  the streak they would have had had they been active through it: the run of active days before
  the gap, plus the gap, plus the streak since. streak_started_at moves back to the start of that
  run's first day, so the streak stays within real time (docs/rules.md, Streaks), and a second
  call with the same window finds nothing to repair: the call is idempotent. Each repair is
  audited (an `update` of user_stats with the streak before and after), tells the user (a `streak`
  notification) and may unlock a streak achievement.

  Call it once the day after the outage has ended in every time zone (from 12:00 UTC the day after
  that); a user who comes back on that day after an earlier call is repaired by calling it again.
*/
create or replace function progflow.repair_streaks(p_from timestamptz, p_to timestamptz, p_reason text)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_user record;
  v_resumed date;      -- the day the current streak began: where the gap ended
  v_last_active date;  -- the last active day before it
  v_before integer;
  v_gap integer;
  v_streak integer;
  v_count integer := 0;
  v_stats progflow.user_stats;  -- as locked, before the repair
begin
  if p_from is null or p_to is null or not isfinite(p_from) or not isfinite(p_to) or p_from >= p_to then
    raise exception 'an outage needs a start before its end, not % to %', coalesce(p_from::text, 'NULL'),
                    coalesce(p_to::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Pass the instants the platform went down and came back.';
  end if;
  if p_to > now() or p_to - p_from > interval '14 days' then
    raise exception 'an outage to repair must have ended and last at most 14 days, not % to %', p_from, p_to
      using errcode = 'invalid_parameter_value',
            hint = 'Repair an outage once it is over; a longer one is not an outage streaks can bridge.';
  end if;
  if p_reason is null or btrim(p_reason) = '' or length(p_reason) > 500 then
    raise exception 'the reason must be 1 to 500 characters, not %',
                    coalesce(length(p_reason)::text || ' characters', 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Say what the outage was, for the audit log.';
  end if;

  for v_user in
    with candidate as (
      select s.user_id, coalesce(u.preferences ->> 'timezone', 'UTC') as tz
        from progflow.user_stats s
        join progflow.users u on u.id = s.user_id
       where s.current_streak_days > 0
         and s.last_activity_date >= (p_to at time zone 'UTC')::date - 1  -- no zone is a day behind UTC's date
    ),

    outage_day as (
      select c.user_id, c.tz, (p_from at time zone c.tz)::date as first_day,
             ((p_to - interval '1 microsecond') at time zone c.tz)::date as last_day
        from candidate c
    )

    select o.user_id, o.tz, o.first_day, o.last_day
      from outage_day o
     order by o.user_id
  loop
    v_stats := progflow.lock_user(v_user.user_id);
    select coalesce((s.streak_started_at at time zone v_user.tz)::date,
                    s.last_activity_date - s.current_streak_days + 1)
      into v_resumed
      from progflow.user_stats s
     where s.user_id = v_user.user_id and s.current_streak_days > 0;
    continue when v_resumed is null
               or v_resumed not between v_user.first_day + 1 and v_user.last_day + 1;
    -- the run of active days that ended before the gap
    with active_day as (
      select distinct (a.created_at at time zone v_user.tz)::date as day
        from progflow.level_attempts a
       where a.user_id = v_user.user_id
         and a.created_at < v_resumed::timestamp at time zone v_user.tz
    ),

    numbered as (
      select d.day, row_number() over (order by d.day desc)::integer as n, max(d.day) over () as last_active
        from active_day d
    )

    select max(n.last_active), count(*) filter (where n.day + n.n = n.last_active + 1)::integer
      into v_last_active, v_before
      from numbered n;
    -- active on the day before the outage or its first day, and a gap of outage days only
    continue when v_last_active is null or v_last_active < v_user.first_day - 1 or v_resumed - v_last_active < 2;
    v_gap := v_resumed - v_last_active - 1;

    update progflow.user_stats s
       set current_streak_days = s.current_streak_days + v_before + v_gap,
           longest_streak_days = greatest(s.longest_streak_days, s.current_streak_days + v_before + v_gap),
           streak_started_at = (v_last_active - v_before + 1)::timestamp at time zone v_user.tz
     where s.user_id = v_user.user_id
    returning s.current_streak_days into v_streak;
    insert into progflow.audit_log (action, object, object_id, user_id, details)
    values ('update', 'user_stats', v_user.user_id::text, v_user.user_id,
            jsonb_build_object('repair', 'outage', 'reason', p_reason, 'outage_from', p_from, 'outage_to', p_to,
                               'current_streak_days', jsonb_build_array(v_streak - v_before - v_gap, v_streak)));
    insert into progflow.notifications (user_id, type, title, message, action_url)
    values (v_user.user_id, 'streak', format('%s-day streak kept', v_streak),
            format('The platform was down from %s to %s; your streak counts those days as practised.',
                   to_char(p_from at time zone v_user.tz, 'YYYY-MM-DD HH24:MI'),
                   to_char(p_to at time zone v_user.tz, 'YYYY-MM-DD HH24:MI')),
            '/progress');
    perform progflow.unlock_achievements(v_user.user_id, v_stats, '{}');
    v_count := v_count + 1;
  end loop;
  return v_count;
end;
$$;

revoke all on function progflow.repair_streaks(timestamptz, timestamptz, text) from public;
grant execute on function progflow.repair_streaks(timestamptz, timestamptz, text) to progflow_service;

comment on function progflow.repair_streaks(timestamptz, timestamptz, text) is
  E'Keeps the streaks an outage of the platform broke (docs/rules.md, Streaks): a user active on the local day before the outage or on its first day, whose current streak began on a later day of the outage or the day after it, after a gap of outage days only, gets the run of active days that ended before the gap, plus the gap, plus the streak since. Idempotent (a repaired streak no longer begins after the outage); each repair is audited (`update` of user_stats, reason and streak before and after), notified (`streak`) and may unlock a streak achievement. Call it once the day after the outage has ended in every zone.\n\nReturns the number of users repaired.\n\nErrors: `22023` a window that is NULL, infinite, empty, not yet over or longer than 14 days, or a reason that is blank or over 500 characters.\n\nExample: `select progflow.repair_streaks(''2026-11-02 09:40Z'', ''2026-11-03 16:05Z'', ''database failover incident 4711'');`';
