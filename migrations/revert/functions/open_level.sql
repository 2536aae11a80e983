-- Revert progflow:functions/open_level from pg

begin;

drop function progflow.open_level;

commit;
