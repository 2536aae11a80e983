-- Deploy progflow:functions/tg_users__valid_preferences to pg
-- requires: tables/users
-- source: functions/progflow/tg_users__valid_preferences.sql sha256:c509d8afee9d33243bebae47fa3c8d0e9307df91efe8a393035bf9223890baf0

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Trigger: a user's preferences hold a time zone PostgreSQL knows, and stay small.
/*
  The time zone decides the user's calendar days (streaks, the daily challenge), so a name
  PostgreSQL cannot use is refused when it is written, not when a streak is next computed.
  A CHECK constraint cannot do it: whether a name is known depends on the server's time zone
  data, not on the row alone.
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
  if v_tz is not null then
    begin
      perform now() at time zone v_tz;
    exception when invalid_parameter_value then
      raise exception 'preferences.timezone % of user % is not a time zone PostgreSQL knows', quote_literal(v_tz), NEW.id
        using errcode = 'check_violation', constraint = 'users_preferences_check',
              hint = 'Use an IANA name such as Europe/Berlin, or leave timezone out for UTC.';
    end;
  end if;
  return NEW;
end;
$$;

create or replace trigger _200_valid_preferences
  before insert or update of preferences on progflow.users
  for each row execute function progflow.tg_users__valid_preferences();

revoke all on function progflow.tg_users__valid_preferences() from public;

comment on function progflow.tg_users__valid_preferences() is
  E'Trigger function (BEFORE INSERT or UPDATE OF preferences on `users`, row): refuses preferences over 16 kB and a `timezone` PostgreSQL does not know.\n\nErrors: `23514` (constraint `users_preferences_check`) naming the field.';

commit;
