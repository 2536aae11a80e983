-- The first step of every call made for a user: may the caller act for that user?
/*
  Trusted callers act for any user: superusers, members of the owner role (migrations and jobs)
  and members of progflow_service. Every other caller acts only for the acting user that the
  backend set for the transaction in progflow.user_id. The caller is calling_role(): inside the
  SECURITY DEFINER functions that call this, current_user is the owner and tells nothing.

  The acting user is compared first, as text (the setting as the backend wrote it against the
  id's canonical form): the usual call, a backend acting for its own user, returns there without
  looking up roles. Anything else takes the full path.
*/
create or replace function progflow.authorize(p_user_id uuid)
  returns void
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_caller name;
  v_acting uuid;
begin
  if current_setting('progflow.user_id', true) = p_user_id::text then
    return;
  end if;
  v_caller := progflow.calling_role();
  if pg_has_role(v_caller, 'progflow_service', 'member')
     or pg_has_role(v_caller, (select n.nspowner from pg_namespace n where n.nspname = 'progflow'), 'member') then
    return;
  end if;
  v_acting := progflow.current_user_id();
  if v_acting is null then
    raise exception 'role % has no acting user: set progflow.user_id for the transaction', v_caller
      using errcode = 'insufficient_privilege',
            hint = 'Run select set_config(''progflow.user_id'', ''<user id>'', true) in the transaction first.';
  end if;
  if p_user_id is distinct from v_acting then
    raise exception 'acting user % may not act for user %', v_acting, coalesce(p_user_id::text, 'NULL')
      using errcode = 'insufficient_privilege',
            hint = 'Act only for the user set in progflow.user_id; jobs that act for anyone run as progflow_service.';
  end if;
end;
$$;

revoke all on function progflow.authorize(uuid) from public;

comment on function progflow.authorize(uuid) is
  E'Checks that the caller may act for a user: trusted callers (superusers, the owner, members of `progflow_service`) act for anyone; others only for the acting user set in `progflow.user_id`. Called first by every SECURITY DEFINER function that acts for a user.\n\nErrors: `42501` no acting user, or another user than the acting one; `22P02` the setting is not a uuid.\n\nExample: `select progflow.authorize(''…user id…'');`';
