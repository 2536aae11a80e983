-- Deploy progflow:functions/calling_role to pg
-- requires: schema
-- source: functions/progflow/calling_role.sql sha256:c444920a429f09e0fb2830c7c290a17f4c7916c1cf9323e1767cc110f0d2b137

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
