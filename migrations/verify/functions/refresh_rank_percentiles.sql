-- Verify progflow:functions/refresh_rank_percentiles on pg

begin;

select 'progflow.refresh_rank_percentiles'::regproc;

rollback;
