-- Revert progflow:read-path-inlining from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

set local check_function_bodies = off;

create or replace function progflow.current_streak(p_streak integer, p_last_activity_date date, p_timezone text, p_at timestamp with time zone default now())
 returns integer
 language sql
 stable
 set search_path to 'pg_catalog', 'pg_temp'
as $function$
  select case when p_last_activity_date >= (p_at at time zone coalesce(p_timezone, 'UTC'))::date - 1
              then coalesce(p_streak, 0) else 0 end
$function$;

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
    progflow.skill_points_available(u.id) as skill_points_available,
    encode(sha256(convert_to(concat_ws('/'::text, u.xmin, extract(epoch from u.updated_at), s.xmin, extract(epoch from s.updated_at), progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> 'timezone'::text), ( select string_agg(t.slug::text, ','::text order by (t.slug::text)) as string_agg
           from progflow.learning_tracks t
          where t.is_active)), 'UTF8'::name)), 'hex'::text) as version
   from progflow.users u
     join progflow.user_stats s on s.user_id = u.id;

commit;
