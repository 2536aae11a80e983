-- Verify progflow:legacy-import on pg

begin;

-- Each check fails unless an object the deploy touched is as the sources declare it.
select 1 / (md5(prosrc) = '4d509a04a5b5e978a2134b01539ee9e3')::integer from pg_catalog.pg_proc where oid = 'progflow.migrate_legacy_progress(regclass)'::regprocedure;
select 1 / (md5(prosrc) = '7122c28d9c80f7e79cf7fcdfd944fcea')::integer from pg_catalog.pg_proc where oid = 'progflow.refresh_leaderboards(progflow.leaderboard_period,date)'::regprocedure;
select 1 / (md5(prosrc) = 'fe47406c297cd95567eb26c810fd5641')::integer from pg_catalog.pg_proc where oid = 'progflow.submit_level_attempt(uuid,uuid,integer,jsonb,jsonb,numeric,integer,text)'::regprocedure;
select 1 / (md5(prosrc) = '231b12e95e9489465317ed18ffbecd82')::integer from pg_catalog.pg_proc where oid = 'progflow.tg_xp_transactions__written_by_add_xp()'::regprocedure;
select 1 / (md5(prosrc) = 'dc4b5c811b8ba18cf12f2521edb0249c')::integer from pg_catalog.pg_proc where oid = 'progflow.unlock_achievements(uuid,progflow.user_stats,text[])'::regprocedure;
select 1 / (md5(prosrc) = 'a09cbcda69ac6a9df803b4f577812105')::integer from pg_catalog.pg_proc where oid = 'progflow.unlock_challenges(uuid)'::regprocedure;

rollback;
