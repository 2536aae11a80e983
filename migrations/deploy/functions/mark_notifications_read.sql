-- Deploy progflow:functions/mark_notifications_read to pg
-- requires: functions/lock_user
-- requires: tables/notifications
-- requires: functions/authorize
-- source: functions/progflow/mark_notifications_read.sql sha256:ea7a3d6dabf7079d58eda2cfc3cf367c746a9d2c87a06d0bfec94d3f6a97a2bc

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

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

commit;
