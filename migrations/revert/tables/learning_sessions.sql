-- Revert progflow:tables/learning_sessions from pg

begin;

drop table progflow.learning_sessions;

commit;
