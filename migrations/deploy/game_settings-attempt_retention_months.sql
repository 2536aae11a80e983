-- Deploy progflow:game_settings-attempt_retention_months to pg
-- requires: tables/game_settings
-- source: sql/progflow/tables/game_settings.sql sha256:9f764f1809525e5e15b90b21e2049b9a82a092b2d49f086ed800366170afbb39

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Drafted by `progflow diff --draft` from the difference between the migrations and the sources.
-- Review it before committing: it was tried on empty scratch databases, not on your data.

alter table progflow.game_settings add column attempt_retention_months integer;

comment on column progflow.game_settings.attempt_retention_months is 'Months of attempts kept attached: the attempt-retention job detaches older months (apply_attempt_retention). NULL (the default) keeps every month.';

alter table progflow.game_settings add constraint game_settings_attempt_retention_months_check check (((attempt_retention_months >= 1) and (attempt_retention_months <= 1200))) not valid;

alter table progflow.game_settings validate constraint "game_settings_attempt_retention_months_check";

commit;
