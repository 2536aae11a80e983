-- "Around me": the entries just above and below a user on a stored board, and the user's own.
/*
  The board is a stored snapshot (refresh_leaderboards). The user's entry is found by the user's
  index; the neighbours by the board's key index (board_key: the board's date and the value as one
  number, then the user id), read upwards from the entry and downwards from it, p_size rows each
  way, ties in rank ordered by user id, descending (the index's order read backwards); each row's
  rank is its value's (leaderboard_ranks, by the same key). Every condition is an equality or a
  range on that key, so a cached generic plan reads the same few index entries as a custom one:
  the cost is a few index reads whatever the board's size (a plan test holds it).
*/
create or replace function progflow.leaderboard_around(p_user_id uuid, p_period progflow.leaderboard_period,
                                                        p_metric text default 'xp', p_period_date date default null,
                                                        p_size integer default 5)
  returns table (rank integer, metric_value integer, user_id uuid, username varchar, display_name varchar,
                 avatar_url text, current_level integer, rank_title text, is_me boolean)
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_today date := (now() at time zone 'UTC')::date;
  v_date date;
  v_value integer;
  v_key bigint;
  v_lo bigint;  -- the board's keys: its date with the values 1 to the largest integer
  v_hi bigint;
begin
  perform progflow.authorize(p_user_id);
  if p_period is null or p_metric is null or p_metric not in ('xp', 'challenges', 'streak') then
    raise exception 'a board is a period and a metric (xp, challenges or streak), not % and %',
                    coalesce(p_period::text, 'NULL'), coalesce(quote_literal(p_metric), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'For example: leaderboard_around(user, ''weekly'', ''xp'').';
  end if;
  if p_size is null or p_size not between 1 and 50 then
    raise exception 'around a user are 1 to 50 entries each way, not %', coalesce(p_size::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Ask for 5, say.';
  end if;
  v_date := case p_period  -- the period's date, as refresh_leaderboards stores it; NULL for all_time
    when 'daily' then coalesce(p_period_date, v_today)
    when 'weekly' then date_trunc('week', coalesce(p_period_date, v_today))::date
    when 'monthly' then date_trunc('month', coalesce(p_period_date, v_today))::date
  end;

  v_lo := progflow.board_key(v_date, 1);
  v_hi := progflow.board_key(v_date, 2147483647);

  select e.metric_value into v_value
    from progflow.leaderboard_entries e
   where e.user_id = p_user_id and e.period_type = p_period and e.metric_type = p_metric
     and progflow.board_key(e.period_date, e.metric_value) between v_lo and v_hi
     and (e.expires_at is null or e.expires_at > now());
  if v_value is null then
    return;  -- not on this board
  end if;
  v_key := progflow.board_key(v_date, v_value);

  return query
    with above as (
      select e.* from progflow.leaderboard_entries e
       where e.period_type = p_period and e.metric_type = p_metric
         and (progflow.board_key(e.period_date, e.metric_value), e.user_id) >= (v_key, p_user_id)
         and progflow.board_key(e.period_date, e.metric_value) <= v_hi
         and (e.expires_at is null or e.expires_at > now())
       order by progflow.board_key(e.period_date, e.metric_value), e.user_id
       limit p_size + 1
    ),

    below as (
      select e.* from progflow.leaderboard_entries e
       where e.period_type = p_period and e.metric_type = p_metric
         and (progflow.board_key(e.period_date, e.metric_value), e.user_id) < (v_key, p_user_id)
         and progflow.board_key(e.period_date, e.metric_value) >= v_lo
         and (e.expires_at is null or e.expires_at > now())
       order by progflow.board_key(e.period_date, e.metric_value) desc, e.user_id desc
       limit p_size
    )

    select r.rank, n.metric_value, n.user_id, n.username, n.display_name, n.avatar_url, n.level, n.rank_title,
           n.user_id = p_user_id
      from (select * from above union all select * from below) n
      join progflow.leaderboard_ranks r
        on r.period_type = p_period and r.metric_type = p_metric
       and progflow.board_key(r.period_date, r.metric_value) = progflow.board_key(v_date, n.metric_value)
     order by n.metric_value desc, n.user_id desc;
end;
$$;

revoke all on function progflow.leaderboard_around(uuid, progflow.leaderboard_period, text, date, integer) from public;
grant execute on function progflow.leaderboard_around(uuid, progflow.leaderboard_period, text, date, integer) to progflow_app;

comment on function progflow.leaderboard_around(uuid, progflow.leaderboard_period, text, date, integer) is
  E'The user''s entry on a stored board (a period, its date — today''s, this week''s or this month''s by default, in UTC; none for all_time — and a metric: xp, challenges or streak) with up to `p_size` entries (1 to 50, 5 by default) just above and just below it, in rank order (ties by user id, descending); `is_me` marks the user''s row. Empty when the user is not on that board (not ranked, or an expired streak entry). A few index reads, whatever the board''s size.\n\nReturns rank, metric_value, user_id, username, display_name, avatar_url, current_level, rank_title, is_me.\n\nErrors: `22023` a NULL period, a metric other than xp, challenges and streak, or a size outside 1–50; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.leaderboard_around(''…user…'', ''weekly'', ''xp'');`';
