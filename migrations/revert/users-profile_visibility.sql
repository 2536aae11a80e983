-- Revert progflow:users-profile_visibility from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

alter table progflow.users drop constraint "users_profile_visibility_check";

comment on column progflow.users.preferences is 'JSON object of preferences; `timezone` (an IANA name, UTC when absent) decides the user''s calendar days.';

commit;
