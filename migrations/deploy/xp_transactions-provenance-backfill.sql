-- Deploy progflow:xp_transactions-provenance-backfill to pg
-- requires: xp_transactions-provenance
-- source: sql/progflow/tables/xp_transactions.sql sha256:34fe369d3cc933aaf6e48a99c7d156a96017ecd287a11e4d086f9ac33bd95a6f

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The ledger rows written before xp_transactions-provenance take who wrote them from their audit
-- rows: one update of each such row, the only one the append-only trigger lets through (it fills
-- in a missing db_role and nothing else). A change of its own, so the ledger is not locked while
-- it runs: awards go on beside it (ROW EXCLUSIVE, and the new rows need no filling in).
set local work_mem = '256MB';
update progflow.xp_transactions x
   set db_role = a.db_role, acting_user = a.acting_user, xact_id = a.xact_id
  from progflow.audit_log a
 where x.db_role is null
   and a.action = 'xp' and a.object = 'xp_transactions' and a.object_id = x.id::text;

-- A row without an audit row (the log kept them all, so only a copy made without triggers has
-- one) keeps an honest blank: the role 'unrecorded' and transaction 0, which no transaction is.
do $$
declare
  v_count bigint;
begin
  update progflow.xp_transactions x set db_role = 'unrecorded', xact_id = '0' where x.db_role is null;
  get diagnostics v_count = row_count;
  if v_count > 0 then
    raise warning '% ledger rows had no audit row: their db_role is ''unrecorded'' and their xact_id 0', v_count;
  end if;
end $$;

-- Every row has them now: the check is proved with a scan that blocks no write, and then lets
-- SET NOT NULL skip its own scan under the exclusive lock.
alter table progflow.xp_transactions validate constraint xp_transactions_provenance_check;
-- lint: allow set-not-null (the validated check above proves it: no scan)
alter table progflow.xp_transactions alter column db_role set not null;
-- lint: allow set-not-null (the validated check above proves it: no scan)
alter table progflow.xp_transactions alter column xact_id set not null;
-- NOT NULL now says what the check said.
-- squawk-ignore ban-drop-constraint
alter table progflow.xp_transactions drop constraint xp_transactions_provenance_check;

commit;
