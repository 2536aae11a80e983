-- Verify progflow:functions/check_rate_limit on pg

begin;

select 'progflow.check_rate_limit'::regproc;

rollback;
