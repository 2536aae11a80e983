-- A stored streak as it reads at an instant: broken once a whole local day has passed without activity.
/*
  user_stats keeps the streak as of the user's last activity day (in their time zone). It is still
  current on that day and the next; from the day after that it reads 0, with no job needed to make
  it so (docs/rules.md, Streaks). O(1): the stored row and the zone only. Every read path that
  shows a current streak goes through here: user_dashboard, current_leaderboard, the streak board
  and calculate_user_streak.

  Without a pinned search_path, so that the planner inlines it into those reads; its function,
  operators and types are named by schema instead, as in current_user_id.
*/
create or replace function progflow.current_streak(p_streak integer, p_last_activity_date date, p_timezone text,
                                                   p_at timestamptz default now())
  returns integer
  language sql
  stable
as $$
  select case when p_last_activity_date
                   operator(pg_catalog.>=) (pg_catalog.timezone(coalesce(p_timezone, 'UTC'), p_at)::pg_catalog.date
                                            operator(pg_catalog.-) 1)
              then coalesce(p_streak, 0) else 0 end
$$;

revoke all on function progflow.current_streak(integer, date, text, timestamptz) from public;
grant execute on function progflow.current_streak(integer, date, text, timestamptz) to progflow_readonly;

comment on function progflow.current_streak(integer, date, text, timestamptz) is
  E'The current streak at `p_at` (now by default) from a stored streak and its last activity day (`user_stats.current_streak_days`, `last_activity_date`) in the user''s time zone (UTC when NULL): the stored streak while the last activity day is today or yesterday there, else 0 (docs/rules.md, Streaks).\n\nReturns days.\n\nErrors: `22023` an unknown time zone.\n\nExample: `select progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> ''timezone'') from progflow.user_stats s join progflow.users u on u.id = s.user_id;`';
