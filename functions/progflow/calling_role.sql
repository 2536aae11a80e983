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
