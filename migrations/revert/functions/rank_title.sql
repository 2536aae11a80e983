-- Revert progflow:functions/rank_title from pg

begin;

drop function progflow.rank_title;

commit;
