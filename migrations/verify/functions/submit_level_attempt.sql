-- Verify progflow:functions/submit_level_attempt on pg

begin;

select 'progflow.submit_level_attempt'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.submit_level_attempt'::regproc
   and prosrc like '%progflow.streak_after(%' and prosrc like '%jsonb_hash_extended(%';

rollback;
