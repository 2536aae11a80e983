-- Verify progflow:functions/current_streak on pg

begin;

select 'progflow.current_streak'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc
 where oid = 'progflow.current_streak(integer, date, text, timestamptz)'::regprocedure and provolatile = 's';
select 1 / has_function_privilege('progflow_readonly', 'progflow.current_streak(integer, date, text, timestamptz)', 'execute')::int;

rollback;
