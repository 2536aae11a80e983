-- Deploy progflow:functions/tg_users__valid_preferences to pg
-- requires: functions/tg_users__valid_preferences@v0.1.0
-- source: functions/progflow/tg_users__valid_preferences.sql sha256:7341b17acc4768157fab4c07587d4161e1ae37b9a80800d4a4628a2979c9fd4e

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Trigger: a user's preferences hold an IANA time zone name, and stay small.
/*
  The time zone decides the user's calendar days (streaks, the daily challenge), so only the
  names of the time zone database are accepted (pg_timezone_names: Europe/Berlin, UTC, …), whose
  offsets lie between −12 and +14 hours. PostgreSQL would also take POSIX specifications
  (UTC+167, <+99>-99) and abbreviations with any offset, which let a user pick their calendar
  day. A CHECK constraint cannot do it: the names known depend on the server's time zone data,
  not on the row alone. The list is read only when the zone changes (about 15 ms).
*/
create or replace function progflow.tg_users__valid_preferences()
  returns trigger
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_tz text := NEW.preferences ->> 'timezone';
begin
  if octet_length(NEW.preferences::text) > 16384 then
    raise exception 'preferences of user % are % bytes, over the 16 kB accepted', NEW.id, octet_length(NEW.preferences::text)
      using errcode = 'check_violation', constraint = 'users_preferences_check',
            hint = 'Keep preferences to a few settings.';
  end if;
  if v_tz is not null
     and (TG_OP = 'INSERT' or v_tz is distinct from OLD.preferences ->> 'timezone')
     and not exists (select from pg_timezone_names z where z.name = v_tz) then
    raise exception 'preferences.timezone % of user % is not an IANA time zone name', quote_literal(v_tz), NEW.id
      using errcode = 'check_violation', constraint = 'users_preferences_check',
            hint = 'Use a name of the time zone database such as Europe/Berlin (see pg_timezone_names), or leave timezone out for UTC.';
  end if;
  return NEW;
end;
$$;

create or replace trigger _200_valid_preferences
  before insert or update of preferences on progflow.users
  for each row execute function progflow.tg_users__valid_preferences();

revoke all on function progflow.tg_users__valid_preferences() from public;

comment on function progflow.tg_users__valid_preferences() is
  E'Trigger function (BEFORE INSERT or UPDATE OF preferences on `users`, row): refuses preferences over 16 kB and a `timezone` that is not an IANA name of `pg_timezone_names` (POSIX specifications such as `UTC+167` and abbreviations are refused). The name is checked when it is written or changed.\n\nErrors: `23514` (constraint `users_preferences_check`) naming the field.';

commit;
