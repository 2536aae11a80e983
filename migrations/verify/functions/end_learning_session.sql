-- Verify progflow:functions/end_learning_session on pg

begin;

select 'progflow.end_learning_session'::regproc;

rollback;
