-- Verify progflow:functions/detach_attempt_partitions on pg

begin;

select 'progflow.detach_attempt_partitions'::regproc;

rollback;
