-- Trigger: the XP ledger and the audit log are append-only.
/*
  UPDATE, DELETE and TRUNCATE are refused; a wrong XP row is corrected by a compensating row
  (award_xp with a negative amount). TRUNCATE needs a statement trigger of its own: it skips row
  triggers. One deletion is allowed, the erasure of a user: deleting a user cascades to their
  ledger rows, and a ledger row whose user no longer exists may go. The audit log names users by
  id only and has no foreign key, so it keeps its rows when a user is erased.
*/
create or replace function progflow.tg__append_only()
  returns trigger
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
begin
  if TG_OP = 'DELETE' and TG_ARGV[1] = 'erased_with_user'
     and not exists (select from progflow.users u where u.id = OLD.user_id) then
    return OLD;  -- the user is being erased
  end if;
  if TG_OP = 'UPDATE' and TG_ARGV[1] = 'erased_with_user' and OLD.db_role is null
     and NEW.db_role is not null and NEW.xact_id is not null
     and to_jsonb(NEW) - array['db_role', 'acting_user', 'xact_id'] = to_jsonb(OLD) - array['db_role', 'acting_user', 'xact_id'] then
    return NEW;  -- provenance filled in for a row written before the ledger kept it
  end if;
  raise exception '% is append-only: % is refused', TG_ARGV[0], TG_OP
    using errcode = 'restrict_violation',
          hint = case when TG_ARGV[1] = 'erased_with_user'
                      then 'Correct XP with a compensating row: progflow.award_xp with a negative amount.'
                      else 'Nothing changes or removes an audit row.' end;
end;
$$;

create or replace trigger _000_append_only
  before update or delete on progflow.xp_transactions
  for each row execute function progflow.tg__append_only('the XP ledger', 'erased_with_user');

create or replace trigger _000_append_only_truncate
  before truncate on progflow.xp_transactions
  for each statement execute function progflow.tg__append_only('the XP ledger');

create or replace trigger _000_append_only
  before update or delete on progflow.audit_log
  for each row execute function progflow.tg__append_only('the audit log');

create or replace trigger _000_append_only_truncate
  before truncate on progflow.audit_log
  for each statement execute function progflow.tg__append_only('the audit log');

revoke all on function progflow.tg__append_only() from public;

comment on function progflow.tg__append_only() is
  E'Trigger function (BEFORE UPDATE or DELETE, row, and BEFORE TRUNCATE, statement, on `xp_transactions` and `audit_log`): refuses every change but the deletion of a deleted user''s ledger rows and the filling in of a ledger row''s missing provenance (`db_role`, `acting_user`, `xact_id`, for rows written before 0.2.0).\n\nErrors: `23001` the table is append-only.';
