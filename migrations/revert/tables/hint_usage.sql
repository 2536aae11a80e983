-- Revert progflow:tables/hint_usage from pg

begin;

drop table progflow.hint_usage;

commit;
