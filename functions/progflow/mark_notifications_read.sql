-- Mark a user's notifications read: the given ones, or all.
create or replace function progflow.mark_notifications_read(p_user_id uuid, p_ids uuid[] default null)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer;
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  update progflow.notifications n
     set is_read = true, read_at = now()
   where n.user_id = p_user_id and not n.is_read and (p_ids is null or n.id = any (p_ids));
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

revoke all on function progflow.mark_notifications_read(uuid, uuid[]) from public;
grant execute on function progflow.mark_notifications_read(uuid, uuid[]) to progflow_app;

comment on function progflow.mark_notifications_read(uuid, uuid[]) is
  E'Marks the user''s unread notifications read (those of `p_ids`, or all when NULL); ids of other users'' notifications are ignored.\n\nReturns how many were marked.\n\nErrors: `22023` NULL user; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.mark_notifications_read(''…user…'');`';
