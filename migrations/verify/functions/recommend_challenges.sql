-- Verify progflow:functions/recommend_challenges on pg

begin;

select 'progflow.recommend_challenges'::regproc;

rollback;
