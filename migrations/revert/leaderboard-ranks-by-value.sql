-- Revert progflow:leaderboard-ranks-by-value from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Each entry carries its rank again (its value's, from leaderboard_ranks), and each stats row its
-- percentile (computed below by the restored job's function), before the objects that read them.
alter table progflow.leaderboard_entries add column rank integer;
update progflow.leaderboard_entries e
   set rank = r.rank
  from progflow.leaderboard_ranks r
 where r.period_type = e.period_type and r.period_date is not distinct from e.period_date
   and r.metric_type = e.metric_type and r.metric_value = e.metric_value;
alter table progflow.leaderboard_entries alter column rank set not null;
alter table progflow.leaderboard_entries add constraint leaderboard_entries_rank_check check (rank >= 1);
comment on column progflow.leaderboard_entries.rank is E'RANK() by metric_value, descending: ties share a rank.';

-- squawk-ignore require-concurrent-index-creation
create index leaderboard_entries_all_time_rank_idx
  on progflow.leaderboard_entries (metric_type, rank) where period_type = 'all_time';
-- squawk-ignore require-concurrent-index-creation
create index leaderboard_entries_board_rank_idx
  on progflow.leaderboard_entries (period_type, period_date, metric_type, rank) where period_date is not null;

alter table progflow.user_stats add column rank_percentile numeric(5,2);
alter table progflow.user_stats add constraint user_stats_rank_percentile_check check (rank_percentile between 0 and 100);
comment on column progflow.user_stats.rank_percentile is E'Percentile on the all-time XP leaderboard, 0 to 100.';

-- Rewrite the leaderboards of one period: every metric, ranked.
/*
  Period windows are calendar days, ISO weeks (from Monday) and months in UTC. XP is what the
  ledger gained in the window (read by created_at, so only that window's partitions); challenges
  are those completed in the window; streak is the current streak as it reads now (current_streak), and
  its entry expires when the streak breaks, so the board never shows an ended streak between
  refreshes. all_time ranks lifetime totals. Each entry
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
                                            username, display_name, avatar_url, level, rank_title, expires_at)
  select p_period, v_date, m.user_id, m.metric, m.value, rank() over (partition by m.metric order by m.value desc),
         u.username, u.display_name, u.avatar_url, m.level, progflow.rank_title(m.level), m.expires_at
    from (
      select s.user_id, s.current_level as level, 'xp' as metric,
             case when p_period = 'all_time' then s.total_xp
                  else (select coalesce(sum(x.amount), 0) from progflow.xp_transactions x
                         where x.user_id = s.user_id and x.created_at >= v_from and x.created_at < v_to) end as value,
             null::timestamptz as expires_at
        from progflow.user_stats s
      union all
      select s.user_id, s.current_level, 'challenges',
             case when p_period = 'all_time' then s.total_challenges_completed
                  else (select count(*) from progflow.user_challenge_progress p
                         where p.user_id = s.user_id and p.completion_date >= v_from and p.completion_date < v_to) end,
             null
        from progflow.user_stats s
      union all
      select s.user_id, s.current_level, 'streak',
             progflow.current_streak(s.current_streak_days, s.last_activity_date, tz.timezone),
             (s.last_activity_date + 2)::timestamp at time zone tz.timezone  -- the local day it reads 0
        from progflow.user_stats s
        join progflow.users z on z.id = s.user_id
       cross join lateral (select coalesce(z.preferences ->> 'timezone', 'UTC') as timezone) tz
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
  E'Rewrites the leaderboard entries of one period for the three metrics: `xp` (XP gained in the period; lifetime for all_time), `challenges` (completed in the period), `streak` (the current streak as it reads now; the entry expires, and leaderboard_page hides it, from the local day the streak breaks). Ranks with RANK() descending (ties share), leaving out users at 0. The date is normalised: the day, the Monday of its ISO week, the first of its month, NULL for all_time; windows are in UTC. Defaults to today.\n\nReturns the rows written.\n\nErrors: `22023` NULL period.\n\nExample: `select progflow.refresh_leaderboards(''weekly'');`';

-- "Around me": the entries just above and below a user on a stored board, and the user's own.
/*
  The board is a stored snapshot (refresh_leaderboards). The user's entry is found by the unique
  index on (period_type, period_date, user_id, metric_type); the neighbours by the board's rank
  index, read backwards from it and forwards from it, p_size rows each way, ties in rank ordered
  by user id. So the cost is a few index reads whatever the board's size (a plan test holds it).
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
  v_rank integer;
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

  -- Each statement in the form its index answers: period_date IS NULL for all_time, = for the others.
  select e.rank into v_rank
    from progflow.leaderboard_entries e
   where e.period_type = p_period and e.user_id = p_user_id and e.metric_type = p_metric
     and (e.period_date = v_date or (p_period = 'all_time' and e.period_date is null))
     and (e.expires_at is null or e.expires_at > now());
  if v_rank is null then
    return;  -- not on this board
  end if;

  return query
    with above as (
      select e.* from progflow.leaderboard_entries e
       where e.period_type = p_period and (e.period_date = v_date or (p_period = 'all_time' and e.period_date is null))
         and e.metric_type = p_metric and e.rank <= v_rank and (e.rank, e.user_id) <= (v_rank, p_user_id)
         and (e.expires_at is null or e.expires_at > now())
       order by e.rank desc, e.user_id desc
       limit p_size + 1
    ),

    below as (
      select e.* from progflow.leaderboard_entries e
       where e.period_type = p_period and (e.period_date = v_date or (p_period = 'all_time' and e.period_date is null))
         and e.metric_type = p_metric and e.rank >= v_rank and (e.rank, e.user_id) > (v_rank, p_user_id)
         and (e.expires_at is null or e.expires_at > now())
       order by e.rank, e.user_id
       limit p_size
    )

    select n.rank, n.metric_value, n.user_id, n.username, n.display_name, n.avatar_url, n.level, n.rank_title,
           n.user_id = p_user_id
      from (select * from above union all select * from below) n
     order by n.rank, n.user_id;
end;
$$;

revoke all on function progflow.leaderboard_around(uuid, progflow.leaderboard_period, text, date, integer) from public;
grant execute on function progflow.leaderboard_around(uuid, progflow.leaderboard_period, text, date, integer) to progflow_app;

comment on function progflow.leaderboard_around(uuid, progflow.leaderboard_period, text, date, integer) is
  E'The user''s entry on a stored board (a period, its date — today''s, this week''s or this month''s by default, in UTC; none for all_time — and a metric: xp, challenges or streak) with up to `p_size` entries (1 to 50, 5 by default) just above and just below it, in rank order (ties by user id); `is_me` marks the user''s row. Empty when the user is not on that board (not ranked, or an expired streak entry). A few index reads, whatever the board''s size.\n\nReturns rank, metric_value, user_id, username, display_name, avatar_url, current_level, rank_title, is_me.\n\nErrors: `22023` a NULL period, a metric other than xp, challenges and streak, or a size outside 1–50; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.leaderboard_around(''…user…'', ''weekly'', ''xp'');`';

-- A leaderboard as a page shows it: the stored entries with the users' public names and ranks.
create or replace view progflow.leaderboard_page with (security_invoker = true) as
select e.period_type,
       e.period_date,
       e.metric_type,
       e.rank,
       e.metric_value,
       e.user_id,
       e.username,
       e.display_name,
       e.avatar_url,
       e.level as current_level,
       e.rank_title
  from progflow.leaderboard_entries e
 where e.expires_at is null or e.expires_at > now();

comment on view progflow.leaderboard_page is E'Stored leaderboard entries (from refresh_leaderboards) with the users'' public names, levels and rank titles as of the refresh; a streak entry is hidden from the local day its streak breaks, whether or not a refresh ran since (readable by every role: it reads no users row). Query by period_type, period_date (NULL for all_time) and metric_type, ordered by rank (index-driven); a user''s own row by user_id.';
comment on column progflow.leaderboard_page.period_type is E'daily, weekly, monthly or all_time.';
comment on column progflow.leaderboard_page.period_date is E'The period''s date; NULL for all_time.';
comment on column progflow.leaderboard_page.metric_type is E'xp, challenges or streak.';
comment on column progflow.leaderboard_page.rank is E'Rank on the board (ties share).';
comment on column progflow.leaderboard_page.metric_value is E'The user''s value of the metric.';
comment on column progflow.leaderboard_page.user_id is E'The user.';
comment on column progflow.leaderboard_page.username is E'Public handle.';
comment on column progflow.leaderboard_page.display_name is E'Name shown to others.';
comment on column progflow.leaderboard_page.avatar_url is E'URL of the user''s picture.';
comment on column progflow.leaderboard_page.current_level is E'Player level when the board was computed.';
comment on column progflow.leaderboard_page.rank_title is E'Rank title of that level.';

grant select on progflow.leaderboard_page to progflow_readonly;

create or replace view progflow.user_dashboard with (security_invoker=true) as  select u.id,
    u.username,
    u.display_name,
    u.avatar_url,
    u.skill_level,
    s.total_xp,
    s.current_level,
    progflow.rank_title(s.current_level) as rank_title,
        case
            when s.current_level < 6554 then progflow.xp_for_level(s.current_level + 1)
            else null::integer
        end as next_level_xp,
    progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> 'timezone'::text) as current_streak_days,
    s.longest_streak_days,
    s.rank_percentile,
    ( select count(*) as count
           from progflow.user_achievements ua
          where ua.user_id = u.id) as achievements_count,
    s.total_challenges_completed as challenges_completed,
    s.total_levels_completed as levels_completed,
    ( select coalesce(jsonb_object_agg(t.slug, coalesce(p.progress_percentage, 0.00::numeric(5,2))), '{}'::jsonb) as coalesce
           from progflow.learning_tracks t
             left join progflow.user_track_progress p on p.track_id = t.id and p.user_id = u.id
          where t.is_active) as track_progress,
    ( select count(*) as count
           from progflow.notifications n
          where n.user_id = u.id and not n.is_read) as unread_notifications,
    progflow.skill_points_earned(s.current_level) - (( select coalesce(sum(k.points_allocated), 0::bigint) as coalesce
           from progflow.user_skills k
          where k.user_id = u.id))::integer as skill_points_available,
    encode(sha256(convert_to(concat_ws('/'::text, u.xmin, extract(epoch from u.updated_at), s.xmin, extract(epoch from s.updated_at), progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> 'timezone'::text), ( select string_agg(t.slug::text, ','::text order by (t.slug::text)) as string_agg
           from progflow.learning_tracks t
          where t.is_active)), 'UTF8'::name)), 'hex'::text) as version
   from progflow.users u
     join progflow.user_stats s on s.user_id = u.id;

comment on column progflow.user_dashboard.rank_percentile is E'Percentile on the all-time XP board.';

-- Every user's percentile on the all-time XP board.
create or replace function progflow.refresh_rank_percentiles()
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_count integer;
begin
  with ranked as (
    select s.user_id, rank() over (order by s.total_xp desc) as rank, count(*) over () as total
      from progflow.user_stats s where s.total_xp > 0
  ),
  target as (
    select t.user_id, round((r.total - r.rank + 1) * 100.0 / r.total, 2) as percentile
      from progflow.user_stats t left join ranked r on r.user_id = t.user_id
  )
  update progflow.user_stats s
     set rank_percentile = g.percentile
    from target g
   where s.user_id = g.user_id and s.rank_percentile is distinct from g.percentile;
  get diagnostics v_count = row_count;
  return v_count;
end;
$$;

revoke all on function progflow.refresh_rank_percentiles() from public;
grant execute on function progflow.refresh_rank_percentiles() to progflow_service;

comment on function progflow.refresh_rank_percentiles() is
  E'Sets every user''s `rank_percentile` from the all-time XP ranking: (ranked users − rank + 1) ÷ ranked users × 100, to 2 decimals; NULL for users at 0 XP. Only rows whose value changes are written.\n\nReturns the rows changed.\n\nErrors: none.\n\nExample: `select progflow.refresh_rank_percentiles();`';

insert into progflow.jobs (name, schedule, call, description)
values ('rank-percentiles', '2-59/10 * * * *', 'select progflow.refresh_rank_percentiles()',
        'Sets every user''s rank percentile from the all-time XP ranking.')
on conflict (name) do nothing;
select progflow.refresh_rank_percentiles();

comment on table progflow.leaderboard_entries is E'A user''s rank on one leaderboard: a period (and its date), a metric. Rewritten by the leaderboard refresh, which copies the public part of the profile (handle, display name, picture, level) so that the board is readable without reading other users'' rows.';
comment on column progflow.leaderboard_entries.created_at is E'When the entry was computed.';

drop index progflow.leaderboard_entries_board_key_idx;
drop table progflow.leaderboard_ranks;

commit;
