-- Deploy progflow:functions/calculate_user_streak to pg
-- requires: tables/level_attempts
-- requires: functions/authorize
-- source: functions/progflow/calculate_user_streak.sql sha256:3242ee15ace7c40cb91d95b1df97d247add94fc0487af73c48ee91f5d2d691a0

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The user's current streak: consecutive activity days, in their time zone, ending on or the day before a date.
create or replace function progflow.calculate_user_streak(p_user_id uuid, p_as_of date default null)
  returns integer
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_tz text;
  v_as_of date;
  v_day date;
  v_expected date;
  v_streak integer := 0;
begin
  perform progflow.authorize(p_user_id);
  select coalesce(u.preferences ->> 'timezone', 'UTC') into v_tz from progflow.users u where u.id = p_user_id;
  if not found then
    raise exception 'user % does not exist', coalesce(p_user_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the user id.';
  end if;
  begin
    v_as_of := coalesce(p_as_of, (now() at time zone v_tz)::date);
  exception when invalid_parameter_value then
    raise exception 'user % has time zone %, which PostgreSQL does not know', p_user_id, quote_literal(v_tz)
      using errcode = 'invalid_parameter_value',
            hint = 'Set preferences.timezone to an IANA name such as Europe/Berlin, or remove it for UTC.';
  end;

  for v_day in
    select distinct (a.created_at at time zone v_tz)::date
      from progflow.level_attempts a
     where a.user_id = p_user_id
       and a.created_at < ((v_as_of + 1)::timestamp at time zone v_tz)
     order by 1 desc
  loop
    if v_expected is null then
      if v_day < v_as_of - 1 then
        return 0;  -- the last activity is older than yesterday: the streak is broken
      end if;
    elsif v_day <> v_expected then
      exit;
    end if;
    v_streak := v_streak + 1;
    v_expected := v_day - 1;
  end loop;
  return v_streak;
end;
$$;

revoke all on function progflow.calculate_user_streak(uuid, date) from public;
grant execute on function progflow.calculate_user_streak(uuid, date) to progflow_readonly;

comment on function progflow.calculate_user_streak(uuid, date) is
  E'Current streak of a user: the number of consecutive activity days (days with a level attempt, in the user''s `preferences.timezone`, UTC when absent) ending on `p_as_of` or the day before; 0 when the last activity is older. `p_as_of` defaults to today in the user''s time zone.\n\nErrors: `P0002` unknown user; `22023` the user''s time zone is not a known name; `42501` the caller may not act for the user.\n\nExample: `select progflow.calculate_user_streak(''…user id…'');`';

commit;
