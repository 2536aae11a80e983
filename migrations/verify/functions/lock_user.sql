-- Verify progflow:functions/lock_user on pg

begin;

select 'progflow.lock_user'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.lock_user'::regproc and prosrc like '%for no key update%';

rollback;
