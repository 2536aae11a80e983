-- Revert progflow:types/progress_status from pg

begin;

drop type progflow.progress_status;

commit;
