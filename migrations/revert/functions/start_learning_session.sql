-- Revert progflow:functions/start_learning_session from pg

begin;

drop function progflow.start_learning_session;

commit;
