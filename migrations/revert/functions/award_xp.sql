-- Revert progflow:functions/award_xp from pg

begin;

drop function progflow.award_xp;

commit;
