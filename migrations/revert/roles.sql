-- Revert progflow:roles from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The roles belong to the cluster and may serve other databases: they stay. What this database
-- changed for them goes: the default privileges of the deploying role.
alter default privileges grant execute on functions to public;

commit;
