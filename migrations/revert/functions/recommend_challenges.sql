-- Revert progflow:functions/recommend_challenges from pg

begin;

drop function progflow.recommend_challenges;

commit;
