-- Verify progflow:functions/evaluate_achievements on pg

begin;

select 'progflow.evaluate_achievements'::regproc;

rollback;
