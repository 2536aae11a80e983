-- Deploy progflow:views/current_leaderboard to pg
-- requires: views/current_leaderboard@v0.1.0
-- requires: functions/current_streak
-- source: views/progflow/current_leaderboard.sql sha256:996f7ee66922c19db0537ded3b4ff9db06307528029bc8eef6d98a0604960de4

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Live ranks of the users active in the last 30 days, by XP, challenges and streak.
create or replace view progflow.current_leaderboard with (security_invoker = true) as
select u.id,
       u.username,
       u.display_name,
       u.avatar_url,
       s.total_xp,
       s.current_level,
       progflow.rank_title(s.current_level) as rank_title,
       s.total_challenges_completed,
       c.streak as current_streak_days,
       rank() over (order by s.total_xp desc) as xp_rank,
       rank() over (order by s.total_challenges_completed desc) as challenge_rank,
       rank() over (order by c.streak desc) as streak_rank
  from progflow.users u
  join progflow.user_stats s on s.user_id = u.id
 cross join lateral progflow.current_streak(s.current_streak_days, s.last_activity_date,
                                           u.preferences ->> 'timezone') c (streak)
 where u.last_active_at > now() - interval '30 days';

comment on view progflow.current_leaderboard is E'Users active in the last 30 days with their RANK() by total XP, challenges completed and current streak (ties share a rank). Computed live over every user''s stats, so it is granted to progflow_service only (under row-level security another role sees its own row); backends read leaderboard_page. security_invoker.';
comment on column progflow.current_leaderboard.id is E'The user.';
comment on column progflow.current_leaderboard.username is E'Public handle.';
comment on column progflow.current_leaderboard.display_name is E'Name shown to others.';
comment on column progflow.current_leaderboard.avatar_url is E'URL of the user''s picture.';
comment on column progflow.current_leaderboard.total_xp is E'Total XP.';
comment on column progflow.current_leaderboard.current_level is E'Player level.';
comment on column progflow.current_leaderboard.rank_title is E'Rank title.';
comment on column progflow.current_leaderboard.total_challenges_completed is E'Challenges completed.';
comment on column progflow.current_leaderboard.current_streak_days is E'Current streak.';
comment on column progflow.current_leaderboard.xp_rank is E'Rank by total XP.';
comment on column progflow.current_leaderboard.challenge_rank is E'Rank by challenges completed.';
comment on column progflow.current_leaderboard.streak_rank is E'Rank by current streak.';

-- Live ranks read every active user's row: for trusted jobs only. Under row-level security the
-- backend would see one row, its own; it reads leaderboard_page.
grant select on progflow.current_leaderboard to progflow_service;
commit;
