-- Revert progflow:schema from pg

begin;

drop schema progflow;

commit;
