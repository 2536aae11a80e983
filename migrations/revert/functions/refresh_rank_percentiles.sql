-- Revert progflow:functions/refresh_rank_percentiles from pg

begin;

drop function progflow.refresh_rank_percentiles;

commit;
