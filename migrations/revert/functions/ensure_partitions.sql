-- Revert progflow:functions/ensure_partitions from pg

begin;

drop function progflow.ensure_partitions;

commit;
