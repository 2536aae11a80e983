-- Revert progflow:functions/xp_for_level from pg

begin;

drop function progflow.xp_for_level;

commit;
