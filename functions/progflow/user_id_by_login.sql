-- Sign-in: the user an email or a username names, for the backend's authentication step.
/*
  Before sign-in there is no acting user, so row-level security shows the backend no users row:
  this call finds one id, and only for a login the caller already knows; it cannot list users.
  An email has an @ and a username cannot (users_username_check), so one branch is taken and
  answered by its unique index on lower(...), never by a scan of users.
*/
create or replace function progflow.user_id_by_login(p_login text)
  returns uuid
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_id uuid;
begin
  if p_login is null or btrim(p_login) = '' or length(p_login) > 255 then
    raise exception 'a login must be an email or a username of 1 to 255 characters, not %',
                    coalesce(length(p_login)::text || ' characters', 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Pass what the user typed to sign in.';
  end if;
  if strpos(p_login, '@') > 0 then
    select u.id into v_id from progflow.users u where lower(u.email) = lower(btrim(p_login));
  else
    select u.id into v_id from progflow.users u where lower(u.username) = lower(btrim(p_login));
  end if;
  return v_id;
end;
$$;

revoke all on function progflow.user_id_by_login(text) from public;
grant execute on function progflow.user_id_by_login(text) to progflow_service;

comment on function progflow.user_id_by_login(text) is
  E'The id of the user whose email (when the login has an @) or username is `p_login`, case-insensitively and ignoring surrounding spaces; NULL when there is none. For the sign-in step, before there is an acting user: granted to progflow_service (the authentication service), not to the app, which cannot list users. Reads one unique index (users_lower_email_key or users_lower_username_key).\n\nReturns the user id, or NULL.\n\nErrors: `22023` a NULL or blank login, or one over 255 characters.\n\nExample: `select progflow.user_id_by_login(''Ada@Example.org'');`';
