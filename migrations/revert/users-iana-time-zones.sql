-- Revert progflow:users-iana-time-zones from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Nothing to undo: the zones removed were not IANA names and are not restored (they let a user
-- choose their calendar day); those users keep UTC until they choose a zone again.

commit;
