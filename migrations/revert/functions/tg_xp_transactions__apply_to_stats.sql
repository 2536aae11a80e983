-- Revert progflow:functions/tg_xp_transactions__apply_to_stats from pg

begin;

drop trigger _500_apply_to_stats on progflow.xp_transactions;
drop function progflow.tg_xp_transactions__apply_to_stats;

commit;
