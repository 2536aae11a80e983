-- Revert progflow:functions/calculate_user_streak from pg

begin;

drop function progflow.calculate_user_streak;

commit;
