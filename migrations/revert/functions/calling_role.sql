-- Revert progflow:functions/calling_role from pg: deploys the version of @v0.1.0 again
-- requires: schema

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The role that called: what SET ROLE chose, else the login role.
/*
  Inside a SECURITY DEFINER function current_user is the owner, but the role setting still shows
  the caller's SET ROLE, and session_user the login role: so this names the caller everywhere,
  for the audit log and for the check of who may act for whom.
*/
create or replace function progflow.calling_role()
  returns name
  language sql
  stable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
  select coalesce(nullif(current_setting('role'), 'none'), session_user)::name
$$;

revoke all on function progflow.calling_role() from public;

comment on function progflow.calling_role() is
  E'The role that called: the role chosen with SET ROLE, else the login role, also inside SECURITY DEFINER functions (where current_user is the owner).\n\nErrors: none.\n\nExample: `select progflow.calling_role();`';

commit;
