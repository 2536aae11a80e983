-- A page of a user's notifications, newest first, for the notification bell.
/*
  Keyset pagination: rows written in one transaction share created_at, so the order is
  (created_at, id) descending and the cursor is the pair of the last row of the page before; a
  page never skips or repeats a row, however many arrive meanwhile. Read through the index on
  (user_id, created_at desc), the id breaking ties among the few rows of one instant.
*/
create or replace function progflow.notifications_page(p_user_id uuid, p_limit integer default 20,
                                                        p_before_created_at timestamptz default null,
                                                        p_before_id uuid default null)
  returns table (id uuid, type varchar, title varchar, message text, action_url text, is_read boolean,
                 created_at timestamptz)
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
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception 'a page holds 1 to 100 notifications, not %', coalesce(p_limit::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Ask for 20 at a time, say.';
  end if;
  if (p_before_created_at is null) <> (p_before_id is null) then
    raise exception 'a cursor is the created_at and the id of the last notification of the page before, both or neither'
      using errcode = 'invalid_parameter_value', hint = 'Pass both from the last row you got, or neither for the first page.';
  end if;
  return query
    select n.id, n.type, n.title, n.message, n.action_url, n.is_read, n.created_at
      from progflow.notifications n
     where n.user_id = p_user_id
       and (p_before_created_at is null
            or n.created_at < p_before_created_at
            or (n.created_at = p_before_created_at and n.id < p_before_id))
     order by n.created_at desc, n.id desc
     limit p_limit;
end;
$$;

revoke all on function progflow.notifications_page(uuid, integer, timestamptz, uuid) from public;
grant execute on function progflow.notifications_page(uuid, integer, timestamptz, uuid) to progflow_app;

comment on function progflow.notifications_page(uuid, integer, timestamptz, uuid) is
  E'A page of the user''s notifications, newest first (created_at, then id, descending): the first `p_limit` (1 to 100, 20 by default), or those after the cursor `p_before_created_at`, `p_before_id` — the created_at and id of the last row of the page before. Pages never skip or repeat a row. `unread_notifications` counts the unread ones; `mark_notifications_read` marks them.\n\nReturns id, type, title, message, action_url, is_read, created_at.\n\nErrors: `22023` a limit outside 1–100, or half a cursor; `P0002` unknown or NULL user; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.notifications_page(''…user…'', 20, ''2026-11-30 10:00:00+00'', ''…id of the last row…'');`';
