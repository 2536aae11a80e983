-- Verify progflow:functions/record_assessment on pg

begin;

select 'progflow.record_assessment'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.record_assessment'::regproc
   and prosrc like '%= k.answer%';

rollback;
