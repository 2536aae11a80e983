-- Deploy progflow:functions/refresh_leaderboards to pg
-- requires: tables/leaderboard_entries
-- requires: tables/xp_transactions
-- requires: tables/user_challenge_progress
-- requires: functions/rank_title
-- source: functions/progflow/refresh_leaderboards.sql sha256:a241dd60eed0d13af64ff715ef4a2b57c4cff4ee721e37c9004b4e1ab37406e7

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Rewrite the leaderboards of one period: every metric, ranked.
/*
  Period windows are calendar days, ISO weeks (from Monday) and months in UTC. XP is what the
  ledger gained in the window (read by created_at, so only that window's partitions); challenges
  are those completed in the window; streak is the current streak. all_time ranks lifetime totals. Each entry
  copies the user's public profile (handle, display name, picture, level and its rank title): the board is public,
  the users rows are not.
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
  v_date date;
  v_from timestamptz;
  v_to timestamptz;
  v_count integer;
begin
  if p_period is null then
    raise exception 'period must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Use daily, weekly, monthly or all_time.';
  end if;
  v_date := case p_period
    when 'daily' then coalesce(p_period_date, (now() at time zone 'UTC')::date)
    when 'weekly' then date_trunc('week', coalesce(p_period_date, (now() at time zone 'UTC')::date))::date
    when 'monthly' then date_trunc('month', coalesce(p_period_date, (now() at time zone 'UTC')::date))::date
  end;
  v_from := v_date::timestamp at time zone 'UTC';
  v_to := (v_date + case p_period when 'daily' then interval '1 day' when 'weekly' then interval '7 days'
                                  else interval '1 month' end)::timestamp at time zone 'UTC';

  if p_period = 'all_time' then  -- each branch in the form its index answers
    delete from progflow.leaderboard_entries e where e.period_type = 'all_time';
  else
    delete from progflow.leaderboard_entries e where e.period_type = p_period and e.period_date = v_date;
  end if;

  insert into progflow.leaderboard_entries (period_type, period_date, user_id, metric_type, metric_value, rank,
                                            username, display_name, avatar_url, level, rank_title)
  select p_period, v_date, m.user_id, m.metric, m.value, rank() over (partition by m.metric order by m.value desc),
         u.username, u.display_name, u.avatar_url, m.level, progflow.rank_title(m.level)
    from (
      select s.user_id, s.current_level as level, 'xp' as metric,
             case when p_period = 'all_time' then s.total_xp
                  else (select coalesce(sum(x.amount), 0) from progflow.xp_transactions x
                         where x.user_id = s.user_id and x.created_at >= v_from and x.created_at < v_to) end as value
        from progflow.user_stats s
      union all
      select s.user_id, s.current_level, 'challenges',
             case when p_period = 'all_time' then s.total_challenges_completed
                  else (select count(*) from progflow.user_challenge_progress p
                         where p.user_id = s.user_id and p.completion_date >= v_from and p.completion_date < v_to) end
        from progflow.user_stats s
      union all
      select s.user_id, s.current_level, 'streak', s.current_streak_days from progflow.user_stats s
    ) m
    join progflow.users u on u.id = m.user_id
   where m.value > 0;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

revoke all on function progflow.refresh_leaderboards(progflow.leaderboard_period, date) from public;
grant execute on function progflow.refresh_leaderboards(progflow.leaderboard_period, date) to progflow_service;

comment on function progflow.refresh_leaderboards(progflow.leaderboard_period, date) is
  E'Rewrites the leaderboard entries of one period for the three metrics: `xp` (XP gained in the period; lifetime for all_time), `challenges` (completed in the period), `streak` (current streak). Ranks with RANK() descending (ties share), leaving out users at 0. The date is normalised: the day, the Monday of its ISO week, the first of its month, NULL for all_time; windows are in UTC. Defaults to today.\n\nReturns the rows written.\n\nErrors: `22023` NULL period.\n\nExample: `select progflow.refresh_leaderboards(''weekly'');`';

commit;
