-- Verify progflow:functions/rank_title on pg

begin;

select 'progflow.rank_title'::regproc;

rollback;
