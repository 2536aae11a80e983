-- Revert progflow:xp_transactions-provenance-backfill from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The filled-in provenance stays (it is true); the columns take NULL again, as before the change.
alter table progflow.xp_transactions
  add constraint xp_transactions_provenance_check check (db_role is not null and xact_id is not null) not valid;
alter table progflow.xp_transactions alter column db_role drop not null;
alter table progflow.xp_transactions alter column xact_id drop not null;

commit;
