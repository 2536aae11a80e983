-- Verify progflow:functions/revealed_hints on pg

begin;

select 'progflow.revealed_hints'::regproc;
-- The version this change deploys, not only the name.
select 1 / count(*) from pg_catalog.pg_proc
 where oid = 'progflow.revealed_hints(uuid, uuid, integer)'::regprocedure and prosecdef
   and proconfig = array['search_path=pg_catalog, pg_temp'];
select 1 / has_function_privilege('progflow_app', 'progflow.revealed_hints(uuid, uuid, integer)', 'execute')::int;

rollback;
