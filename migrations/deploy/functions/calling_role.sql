-- Deploy progflow:functions/calling_role to pg
-- requires: functions/calling_role@v0.1.0
-- source: functions/progflow/calling_role.sql sha256:397b6ab58225028fe0b406ed13df5b9ee76a2bbbcc8c8c162bb33fa149ec478a

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The role that called: what SET ROLE chose, else the login role.
/*
  Inside a SECURITY DEFINER function current_user is the owner, but the role setting still shows
  the caller's SET ROLE, and session_user the login role: so this names the caller everywhere,
  for the audit log and for the check of who may act for whom.

  Without a pinned search_path, so that the planner inlines it into the defaults of the ledger and
  the audit log, which every award and unlock evaluates; its body names its function, operator and
  type by schema instead, as current_user_id does.
*/
create or replace function progflow.calling_role()
  returns name
  language sql
  stable
  parallel safe
as $$
  select case when pg_catalog.current_setting('role') operator(pg_catalog.<>) 'none'
              then pg_catalog.current_setting('role')::pg_catalog.name else session_user end
$$;

revoke all on function progflow.calling_role() from public;

comment on function progflow.calling_role() is
  E'The role that called: the role chosen with SET ROLE, else the login role, also inside SECURITY DEFINER functions (where current_user is the owner).\n\nErrors: none.\n\nExample: `select progflow.calling_role();`';

commit;
