-- Deploy progflow:users-iana-time-zones to pg
-- requires: functions/tg_users__valid_preferences

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Preferences written before 0.2.0 could hold a POSIX time zone (UTC+167, <+99>-99) or an
-- abbreviation, with which a user picks their own calendar day. Such a zone is removed (the
-- user's days are then UTC's, as for a user who never chose one); IANA names are kept. The
-- update touches only those rows, whose row locks it holds until the commit.
update progflow.users u
   set preferences = u.preferences - 'timezone'
 where u.preferences ? 'timezone'
   and not exists (select from pg_catalog.pg_timezone_names z where z.name = u.preferences ->> 'timezone');

commit;
