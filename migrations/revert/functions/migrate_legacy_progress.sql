-- Revert progflow:functions/migrate_legacy_progress from pg

begin;

drop function progflow.migrate_legacy_progress;

commit;
