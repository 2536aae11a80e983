-- Revert progflow:functions/use_hint from pg

begin;

drop function progflow.use_hint;

commit;
