-- Verify progflow:functions/award_xp on pg

begin;

select 'progflow.award_xp'::regproc;

rollback;
