-- Revert progflow:functions/tg__prerequisites_valid from pg

begin;

drop function progflow.tg__prerequisites_valid;

commit;
