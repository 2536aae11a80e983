-- Revert progflow:functions/tg__timestamps from pg

begin;

drop function progflow.tg__timestamps;

commit;
