-- Verify progflow:streak_after-null-time on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / (md5(prosrc) = 'd6a4f41204b673a14805b91c571e50f4')::integer from pg_catalog.pg_proc where oid = 'progflow.streak_after(progflow.user_stats,timestamp with time zone,text)'::regprocedure;

rollback;
