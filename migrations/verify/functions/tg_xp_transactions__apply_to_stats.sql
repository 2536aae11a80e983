-- Verify progflow:functions/tg_xp_transactions__apply_to_stats on pg

begin;

select 'progflow.tg_xp_transactions__apply_to_stats'::regproc;

rollback;
