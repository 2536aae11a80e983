-- Verify progflow:functions/streak_after on pg

begin;

select 'progflow.streak_after'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc
 where oid = 'progflow.streak_after(progflow.user_stats, timestamptz, text)'::regprocedure and not prosecdef;

rollback;
