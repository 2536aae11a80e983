-- Revert progflow:functions/tg_xp_transactions__apply_to_stats from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

drop trigger _500_apply_to_stats on progflow.xp_transactions;
drop function progflow.tg_xp_transactions__apply_to_stats;

commit;
