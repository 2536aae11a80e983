-- Verify progflow:functions/calculate_user_streak on pg

begin;

select 'progflow.calculate_user_streak'::regproc;

rollback;
