-- Deploy progflow:views/leaderboard_page to pg
-- requires: tables/leaderboard_entries
-- source: views/progflow/leaderboard_page.sql sha256:2b1fcfaf2bf0bc757241f5887f744e453fde03182bf1b5f4f38cfcdf51bdf7a0

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- A leaderboard as a page shows it: the stored entries with the users' public names and ranks.
create view progflow.leaderboard_page with (security_invoker = true) as
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
  from progflow.leaderboard_entries e;

comment on view progflow.leaderboard_page is E'Stored leaderboard entries (from refresh_leaderboards) with the users'' public names, levels and rank titles as of the refresh (readable by every role: it reads no users row). Query by period_type, period_date (NULL for all_time) and metric_type, ordered by rank (index-driven); a user''s own row by user_id.';
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

commit;
