-- Verify progflow:read-path-inlining on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / (md5(prosrc) = '63053de464e839bb48b405e21f96cd97')::integer from pg_catalog.pg_proc where oid = 'progflow.current_streak(integer,date,text,timestamp with time zone)'::regprocedure;

rollback;
