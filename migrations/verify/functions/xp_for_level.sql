-- Verify progflow:functions/xp_for_level on pg

begin;

select 'progflow.xp_for_level'::regproc;

rollback;
