-- Verify progflow:functions/current_streak on pg

begin;

-- The function by its whole signature: it runs as its caller, executable by progflow_readonly and
-- never by PUBLIC. (Its search_path is not pinned since read-path-inlining, which lets the planner
-- inline it.)
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.current_streak(integer, date, text, timestamptz)'::regprocedure
   and p.prosecdef = false
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_readonly', p.oid, 'execute');
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc
 where oid = 'progflow.current_streak(integer, date, text, timestamptz)'::regprocedure and provolatile = 's';
select 1 / has_function_privilege('progflow_readonly', 'progflow.current_streak(integer, date, text, timestamptz)', 'execute')::int;

rollback;
