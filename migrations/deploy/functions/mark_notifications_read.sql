-- Deploy progflow:functions/mark_notifications_read to pg
-- requires: functions/lock_user
-- requires: tables/notifications
-- source: functions/progflow/mark_notifications_read.sql sha256:b96f0e5126b4b968f0775a22ebce0d40169657f24a1490504ff047175d0deb1c

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Mark a user's notifications read: the given ones, or all.
create or replace function progflow.mark_notifications_read(p_user_id uuid, p_ids uuid[] default null)
  returns integer
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer;
begin
  perform progflow.lock_user(p_user_id);
  update progflow.notifications n
     set is_read = true, read_at = now()
   where n.user_id = p_user_id and not n.is_read and (p_ids is null or n.id = any (p_ids));
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

comment on function progflow.mark_notifications_read(uuid, uuid[]) is
  E'Marks the user''s unread notifications read (those of `p_ids`, or all when NULL); ids of other users'' notifications are ignored.\n\nReturns how many were marked.\n\nErrors: `22023` NULL user; `P0002` unknown user.\n\nExample: `select progflow.mark_notifications_read(''…user…'');`';

commit;
