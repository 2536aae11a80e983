-- Revert progflow:tables/xp_transactions from pg

begin;

drop table progflow.xp_transactions;

commit;
