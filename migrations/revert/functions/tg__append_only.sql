-- Revert progflow:functions/tg__append_only from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

drop trigger _000_append_only on progflow.xp_transactions;
drop trigger _000_append_only_truncate on progflow.xp_transactions;
drop trigger _000_append_only on progflow.audit_log;
drop trigger _000_append_only_truncate on progflow.audit_log;
drop function progflow.tg__append_only;

commit;
