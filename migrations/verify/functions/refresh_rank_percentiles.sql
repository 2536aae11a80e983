-- Verify progflow:functions/refresh_rank_percentiles on pg

begin;

-- The function by its whole signature: SECURITY DEFINER, its search_path pinned,
-- executable by progflow_service and never by PUBLIC; or gone with its job since
-- leaderboard-ranks-by-value, which reads the percentile from the all-time board.
select 1 / (count(*) = 1 or to_regclass('progflow.leaderboard_ranks') is not null)::integer from pg_catalog.pg_proc p
 where p.oid = to_regprocedure('progflow.refresh_rank_percentiles()')
   and p.prosecdef = true
   and p.proconfig @> array['search_path=pg_catalog, pg_temp']
   and not pg_catalog.has_function_privilege('public', p.oid, 'execute')
   and pg_catalog.has_function_privilege('progflow_service', p.oid, 'execute');

rollback;
