-- How many notifications a user has not read: the number on the bell.
create or replace function progflow.unread_notifications(p_user_id uuid)
  returns integer
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  perform progflow.authorize(p_user_id);
  if not exists (select from progflow.users u where u.id = p_user_id) then
    raise exception 'user % does not exist', coalesce(p_user_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the user id.';
  end if;
  return (select count(*) from progflow.notifications n where n.user_id = p_user_id and not n.is_read);
end;
$$;

revoke all on function progflow.unread_notifications(uuid) from public;
grant execute on function progflow.unread_notifications(uuid) to progflow_app;

comment on function progflow.unread_notifications(uuid) is
  E'The number of the user''s unread notifications, from the partial index of unread ones (notifications_user_id_unread_idx).\n\nReturns a count.\n\nErrors: `P0002` unknown or NULL user; `42501` the caller may not act for the user.\n\nExample: `select progflow.unread_notifications(''…user…'');`';
