-- Verify progflow:functions/award_xp on pg

begin;

select 'progflow.award_xp'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.award_xp'::regproc and prosrc like '%> 2147483647%';

rollback;
