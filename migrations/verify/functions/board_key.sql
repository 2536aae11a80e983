-- Verify progflow:functions/board_key on pg

begin;

-- The function by its whole signature: it runs as its caller,
-- executable by progflow_readonly and never by PUBLIC.
select 1 / count(*) from pg_catalog.pg_proc p
 where p.oid = 'progflow.board_key(date, integer)'::regprocedure
   and p.prosecdef = false
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_readonly', p.oid, 'execute');

rollback;
