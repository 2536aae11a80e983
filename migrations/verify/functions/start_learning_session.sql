-- Verify progflow:functions/start_learning_session on pg

begin;

select 'progflow.start_learning_session'::regproc;

rollback;
