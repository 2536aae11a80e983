-- Revert progflow:game_settings-attempt_retention_months from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

alter table progflow.game_settings drop constraint "game_settings_attempt_retention_months_check";

alter table progflow.game_settings drop column attempt_retention_months;

commit;
