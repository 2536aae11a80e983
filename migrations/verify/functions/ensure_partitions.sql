-- Verify progflow:functions/ensure_partitions on pg

begin;

select 'progflow.ensure_partitions'::regproc;

rollback;
