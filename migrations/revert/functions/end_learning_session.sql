-- Revert progflow:functions/end_learning_session from pg

begin;

drop function progflow.end_learning_session;

commit;
