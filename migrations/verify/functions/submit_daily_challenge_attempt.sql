-- Verify progflow:functions/submit_daily_challenge_attempt on pg

begin;

-- The function by its whole signature: SECURITY DEFINER, its search_path pinned,
-- executable by progflow_app and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.submit_daily_challenge_attempt(uuid, date, numeric)'::regprocedure
   and p.prosecdef = true
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_app', p.oid, 'execute');
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc where oid = 'progflow.submit_daily_challenge_attempt'::regproc
   and prosrc like '%v_score := round(p_score, 2)%';

rollback;
