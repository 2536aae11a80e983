-- Verify progflow:functions/submit_daily_challenge_attempt on pg

begin;

select 'progflow.submit_daily_challenge_attempt'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.submit_daily_challenge_attempt'::regproc
   and prosrc like '%v_score := round(p_score, 2)%';

rollback;
