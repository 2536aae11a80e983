-- Deploy progflow:partitions to pg
-- requires: functions/ensure_partitions

begin;

-- The current month's and the next three months' partitions of level_attempts and xp_transactions.
do $$ begin perform progflow.ensure_partitions(3); end $$;

commit;
