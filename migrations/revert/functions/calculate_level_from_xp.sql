-- Revert progflow:functions/calculate_level_from_xp from pg

begin;

drop function progflow.calculate_level_from_xp;

commit;
