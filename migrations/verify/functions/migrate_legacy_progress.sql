-- Verify progflow:functions/migrate_legacy_progress on pg

begin;

select 'progflow.migrate_legacy_progress'::regproc;

rollback;
