-- Deploy progflow:partitions to pg
-- requires: functions/ensure_partitions

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The current month's and the next three months' partitions of level_attempts and xp_transactions.
do $$ begin perform progflow.ensure_partitions(3); end $$;

commit;
