-- Trigger: the XP ledger is written through the engine only, so the totals never fall behind it.
/*
  The total and the level move with the ledger row in add_xp, not in a trigger per row. A row
  inserted any other way (by the owner, by hand) would leave user_stats behind, so it is refused:
  add_xp marks its own insert in the transaction-local setting progflow.xp_writer (and so does
  legacy_import_step, which writes a batch's rows in one statement and moves the totals with
  them). Only the owner
  can write the ledger at all; this guards against mistakes, not against the owner. A statement
  trigger: one check per INSERT, however many rows it writes.
*/
create or replace function progflow.tg_xp_transactions__written_by_add_xp()
  returns trigger
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
begin
  if current_setting('progflow.xp_writer', true) is distinct from 'add_xp'
     and current_setting('progflow.xp_writer', true) is distinct from 'legacy_import_step' then
    raise exception 'the XP ledger is written by progflow.award_xp only'
      using errcode = 'restrict_violation',
            hint = 'Award or take back XP with progflow.award_xp: it moves user_stats with the ledger.';
  end if;
  return null;
end;
$$;

create or replace trigger _000_written_by_add_xp
  before insert on progflow.xp_transactions
  for each statement execute function progflow.tg_xp_transactions__written_by_add_xp();

revoke all on function progflow.tg_xp_transactions__written_by_add_xp() from public;

comment on function progflow.tg_xp_transactions__written_by_add_xp() is
  E'Trigger function (BEFORE INSERT on `xp_transactions`, statement): refuses a ledger row not written by `add_xp` (through `award_xp` or the engine''s calls) or by a legacy import''s step (`legacy_import_step`), which would leave `user_stats.total_xp` behind the ledger.\n\nErrors: `23001` the row was not written by the engine.';
