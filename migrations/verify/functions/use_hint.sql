-- Verify progflow:functions/use_hint on pg

begin;

select 'progflow.use_hint'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.use_hint'::regproc and prosrc like '%revealed_hints%';

rollback;
