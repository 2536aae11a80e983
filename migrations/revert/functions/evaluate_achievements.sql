-- Revert progflow:functions/evaluate_achievements from pg

begin;

drop function progflow.evaluate_achievements;

commit;
