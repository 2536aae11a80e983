-- Revert progflow:tables/attempt_requests from pg

begin;

drop table progflow.attempt_requests;

commit;
