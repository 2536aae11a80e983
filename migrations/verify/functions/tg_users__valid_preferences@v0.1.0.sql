-- Verify progflow:functions/tg_users__valid_preferences on pg

begin;

select 'progflow.tg_users__valid_preferences'::regproc;

rollback;
