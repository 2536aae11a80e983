-- Bring the leaderboards of one period up to date: every metric, ranked by value.
/*
  Period windows are calendar days, ISO weeks (from Monday) and months in UTC. XP is what the
  ledger gained in the window (read by created_at, so only that window's partitions, grouped by
  user); challenges are those completed in the window (a partial index on completion_date); the
  all-time values come from one scan of user_stats;
  streak is the current streak as it reads now (current_streak), and its entry expires when the
  streak breaks, so the board never shows an ended streak between refreshes. all_time ranks
  lifetime totals. Each entry copies the user's public profile (handle, display name, picture,
  level and its rank title): the board is public, the users rows are not.

  The board as it reads now is compared with the stored one (a full join on user and metric), and
  only the differences are written: entries that left the board are deleted, those whose value or
  profile moved are updated, newcomers inserted. A rank is the rank of a value: the board's rows
  in leaderboard_ranks are written again from the entries (one per distinct value), so a user who
  moves does not move the stored rank of everyone in between. One statement computes the board and
  its differences, so the readers see the old board or the new one, never a mix.
*/
create or replace function progflow.refresh_leaderboards(p_period progflow.leaderboard_period,
                                                         p_period_date date default null)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_today date := (now() at time zone 'UTC')::date;
  v_date date;
  v_from timestamptz;
  v_to timestamptz;
  v_lo bigint;  -- the board's keys (board_key): its date with the values 1 to the largest integer
  v_hi bigint;
  v_count integer;
begin
  if p_period is null then
    raise exception 'period must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Use daily, weekly, monthly or all_time.';
  end if;
  v_date := case p_period
    when 'daily' then coalesce(p_period_date, v_today)
    when 'weekly' then date_trunc('week', coalesce(p_period_date, v_today))::date
    when 'monthly' then date_trunc('month', coalesce(p_period_date, v_today))::date
  end;
  v_from := v_date::timestamp at time zone 'UTC';
  v_to := (v_date + case p_period when 'daily' then interval '1 day' when 'weekly' then interval '7 days'
                                  else interval '1 month' end)::timestamp at time zone 'UTC';
  -- One refresh of a board at a time: a second waits, then finds the board current.
  perform pg_advisory_xact_lock(hashtext('progflow.refresh_leaderboards'), hashtext(p_period || ' ' || coalesce(v_date::text, '')));

  v_lo := progflow.board_key(v_date, 1);
  v_hi := progflow.board_key(v_date, 2147483647);

  -- The board's rows by their key index: a range of keys under each metric, in a form a cached
  -- generic plan answers as well as a custom one.
  with now_values as (  -- each user's values of the metrics, as stored (a streak before its reading)
    -- all_time: the lifetime counters, from one scan of user_stats
    select s.user_id, m.metric, m.value, s.current_level as level, m.last_day
      from progflow.user_stats s
     cross join lateral (values ('xp'::varchar, s.total_xp, null::date),
                                ('challenges', s.total_challenges_completed, null),
                                ('streak', s.current_streak_days, s.last_activity_date)) m (metric, value, last_day)
     where p_period = 'all_time' and m.value > 0 and (m.metric <> 'streak' or s.last_activity_date >= v_today - 2)
    union all
    -- a period: the XP its ledger rows add up to and the challenges completed in it, per user
    select x.user_id, 'xp', x.value, s.current_level, null
      from (select l.user_id, sum(l.amount)::integer as value
              from progflow.xp_transactions l
             where p_period <> 'all_time' and l.created_at >= v_from and l.created_at < v_to
               and l.source_type <> 'legacy'  -- imported XP was not earned in the period
             group by l.user_id) x
      join progflow.user_stats s on s.user_id = x.user_id
    union all
    select c.user_id, 'challenges', c.value, s.current_level, null
      from (select p.user_id, count(*)::integer as value
              from progflow.user_challenge_progress p
             where p_period <> 'all_time' and p.completion_date >= v_from and p.completion_date < v_to
               and p.completion_date is distinct from p.imported_at  -- nor was a challenge an import completed
             group by p.user_id) c
      join progflow.user_stats s on s.user_id = c.user_id
    union all
    select s.user_id, 'streak', s.current_streak_days, s.current_level, s.last_activity_date
      from progflow.user_stats s
     where p_period <> 'all_time' and s.current_streak_days > 0 and s.last_activity_date >= v_today - 2
  ),
  -- A streak reads more than 0 only while its last day is yesterday or today in the user's zone (two
  -- days before today in UTC bounds that in every zone, above); its entry expires on the local day
  -- it reads 0.
  board as (
    select v.user_id, v.metric, r.value, r.expires_at, u.username, u.display_name, u.avatar_url, v.level,
           progflow.rank_title(v.level) as rank_title
      from now_values v
      join progflow.users u on u.id = v.user_id
     cross join lateral (select coalesce(u.preferences ->> 'timezone', 'UTC') as timezone) tz
     cross join lateral (
       select case when v.metric = 'streak' then progflow.current_streak(v.value, v.last_day, tz.timezone)
                   else v.value end as value,
              case when v.metric = 'streak' then (v.last_day + 2)::timestamp at time zone tz.timezone end as expires_at
     ) r
     where r.value > 0
  ),
  stored as (
    select e.* from progflow.leaderboard_entries e
     where e.period_type = p_period and e.metric_type = any (array['xp', 'challenges', 'streak'])
       and progflow.board_key(e.period_date, e.metric_value) between v_lo and v_hi
  ),
  changes as (
    select b.*, e.id as entry_id, b.user_id is null as gone
      from board b
      full join stored e on e.user_id = b.user_id and e.metric_type = b.metric
     where b.user_id is null or e.id is null
        or (e.metric_value, e.username, e.display_name, e.avatar_url, e.level, e.expires_at)
           is distinct from (b.value, b.username, b.display_name, b.avatar_url, b.level, b.expires_at)
  ),
  deleted as (
    delete from progflow.leaderboard_entries e using changes c where c.gone and e.id = c.entry_id
    returning 1
  ),
  updated as (
    update progflow.leaderboard_entries e
       set metric_value = c.value, username = c.username, display_name = c.display_name, avatar_url = c.avatar_url,
           level = c.level, rank_title = c.rank_title, expires_at = c.expires_at, created_at = now()
      from changes c
     where not c.gone and c.entry_id is not null and e.id = c.entry_id
    returning 1
  ),
  inserted as (
    insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, username,
                                              display_name, avatar_url, level, rank_title, expires_at)
    select p_period, v_date, c.user_id, c.metric, c.value, c.username, c.display_name, c.avatar_url, c.level,
           c.rank_title, c.expires_at
      from changes c where c.entry_id is null
    returning 1
  )
  select (select count(*) from deleted) + (select count(*) from updated) + (select count(*) from inserted)
    into v_count;

  -- The ranks of the board's values, from its entries as they are now.
  delete from progflow.leaderboard_ranks r
   where r.period_type = p_period and r.metric_type = any (array['xp', 'challenges', 'streak'])
     and progflow.board_key(r.period_date, r.metric_value) between v_lo and v_hi;
  insert into progflow.leaderboard_ranks (period_type, period_date, metric_type, metric_value, rank, entries)
  select p_period, v_date, v.metric_type, v.metric_value,
         (sum(v.entries) over (partition by v.metric_type order by v.metric_value desc) - v.entries + 1)::integer,
         v.entries
    from (select e.metric_type, e.metric_value, count(*)::integer as entries
            from progflow.leaderboard_entries e
           where e.period_type = p_period and e.metric_type = any (array['xp', 'challenges', 'streak'])
             and progflow.board_key(e.period_date, e.metric_value) between v_lo and v_hi
           group by e.metric_type, e.metric_value) v;
  return v_count;
end;
$$;

revoke all on function progflow.refresh_leaderboards(progflow.leaderboard_period, date) from public;
grant execute on function progflow.refresh_leaderboards(progflow.leaderboard_period, date) to progflow_service;

comment on function progflow.refresh_leaderboards(progflow.leaderboard_period, date) is
  E'Brings the leaderboard entries of one period up to date for the three metrics: `xp` (XP gained in the period; lifetime for all_time), `challenges` (completed in the period), `streak` (the current streak as it reads now; the entry expires, and leaderboard_page hides it, from the local day the streak breaks), leaving out users at 0; writes only the entries that changed, then the board''s ranks (leaderboard_ranks: RANK() of each value, descending; ties share). The date is normalised: the day, the Monday of its ISO week, the first of its month, NULL for all_time; windows are in UTC. Defaults to today.\n\nReturns the entries written (inserted, updated or deleted): 0 when the board was already current.\n\nErrors: `22023` NULL period.\n\nExample: `select progflow.refresh_leaderboards(''weekly'');`';
