-- Verify progflow:functions/calculate_level_from_xp on pg

begin;

select 'progflow.calculate_level_from_xp'::regproc;

rollback;
