-- Everything a dashboard shows about one user, in one row.
create or replace view progflow.user_dashboard with (security_invoker = true) as
select u.id,
       u.username,
       u.display_name,
       u.avatar_url,
       u.skill_level,
       s.total_xp,
       s.current_level,
       progflow.rank_title(s.current_level) as rank_title,
       case when s.current_level < 6554 then progflow.xp_for_level(s.current_level + 1) end as next_level_xp,
       progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> 'timezone')
         as current_streak_days,
       s.longest_streak_days,
       pc.percentile as rank_percentile,
       (select count(*) from progflow.user_achievements ua where ua.user_id = u.id) as achievements_count,
       s.total_challenges_completed as challenges_completed,
       s.total_levels_completed as levels_completed,
       (select coalesce(jsonb_object_agg(t.slug, coalesce(p.progress_percentage, 0.00::numeric(5,2))), '{}')
          from progflow.learning_tracks t
          left join progflow.user_track_progress p on p.track_id = t.id and p.user_id = u.id
         where t.is_active) as track_progress,
       (select count(*) from progflow.notifications n where n.user_id = u.id and not n.is_read) as unread_notifications,
       progflow.skill_points_earned(s.current_level)
         - (select coalesce(sum(k.points_allocated), 0) from progflow.user_skills k where k.user_id = u.id)::integer
         as skill_points_available,
       encode(sha256(convert_to(concat_ws('/', u.xmin, extract(epoch from u.updated_at), s.xmin, extract(epoch from s.updated_at),
         progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> 'timezone'),
         pc.percentile,
         (select string_agg(t.slug, ',' order by t.slug) from progflow.learning_tracks t where t.is_active)),
         'UTF8')), 'hex') as version
  from progflow.users u
  join progflow.user_stats s on s.user_id = u.id
  -- The percentile of the user's XP now among the all-time XP board's entries as last refreshed: the
  -- share of the board not above it. Two reads of leaderboard_ranks by index.
  left join lateral (
    select (case when s.total_xp > 0 and b.ranked > 0
                 then round((b.ranked - coalesce(a.above, 0)) * 100.0 / b.ranked, 2) end)::numeric(5,2) as percentile
      from (select (r.rank + r.entries - 1) as ranked
              from progflow.leaderboard_ranks r
             where r.period_type = 'all_time' and r.metric_type = 'xp'
             order by r.rank desc limit 1) b
      left join lateral (  -- the smallest value above the user's: the all-time values' index, in order
        select (r.rank + r.entries - 1) as above
          from progflow.leaderboard_ranks r
         where r.period_type = 'all_time' and r.metric_type = 'xp' and r.metric_value > s.total_xp
         order by r.metric_value limit 1) a on true
  ) pc on true;

comment on view progflow.user_dashboard is E'One row per user with what a dashboard shows: XP, level, rank title, XP of the next level, streaks, percentile, counts, progress per track (JSON object slug → percent), unread notifications, free skill points, and a version that changes whenever the row does. Query it by id. security_invoker: the caller''s row-level security applies.';
comment on column progflow.user_dashboard.id is E'The user.';
comment on column progflow.user_dashboard.username is E'Public handle.';
comment on column progflow.user_dashboard.display_name is E'Name shown to others.';
comment on column progflow.user_dashboard.avatar_url is E'URL of the user''s picture.';
comment on column progflow.user_dashboard.skill_level is E'Skill level from the entry assessment.';
comment on column progflow.user_dashboard.total_xp is E'Total XP.';
comment on column progflow.user_dashboard.current_level is E'Player level.';
comment on column progflow.user_dashboard.rank_title is E'Rank title of the player level.';
comment on column progflow.user_dashboard.next_level_xp is E'Total XP needed for the next player level; NULL at the highest level (6554).';
comment on column progflow.user_dashboard.current_streak_days is E'Current streak in days.';
comment on column progflow.user_dashboard.longest_streak_days is E'Longest streak in days.';
comment on column progflow.user_dashboard.rank_percentile is E'Percentile of the user''s XP among the all-time XP board as last refreshed: (entries − entries above) ÷ entries × 100, to 2 decimals; NULL at 0 XP or while the board is empty.';
comment on column progflow.user_dashboard.achievements_count is E'Achievements unlocked.';
comment on column progflow.user_dashboard.challenges_completed is E'Challenges completed.';
comment on column progflow.user_dashboard.levels_completed is E'Levels completed.';
comment on column progflow.user_dashboard.track_progress is E'JSON object: track slug → percent completed.';
comment on column progflow.user_dashboard.unread_notifications is E'Unread notifications.';
comment on column progflow.user_dashboard.skill_points_available is E'Skill points the user can allocate.';
comment on column progflow.user_dashboard.version is E'Opaque text that changes whenever anything in the row changes, including the streak breaking at the user''s local midnight: read it alone (`select version … where id = $1`, two primary-key reads) to know whether a cached row is stale (docs/engine.md, Caching the dashboard).';

grant select on progflow.user_dashboard to progflow_readonly;
