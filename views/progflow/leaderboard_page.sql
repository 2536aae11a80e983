-- A leaderboard as a page shows it: the stored entries with the users' public names and ranks.
create or replace view progflow.leaderboard_page with (security_invoker = true) as
-- Each entry with the rank of its value on its board, joined on one key (board_key, indexed on both
-- sides): a page in rank order reads the board's values by rank and the entries of each; a user's
-- own row, the entry and then its rank.
select r.period_type,
       r.period_date,
       r.metric_type,
       r.rank,
       e.metric_value,
       e.user_id,
       e.username,
       e.display_name,
       e.avatar_url,
       e.level as current_level,
       e.rank_title
  from progflow.leaderboard_ranks r
  join progflow.leaderboard_entries e
    on e.period_type = r.period_type and e.metric_type = r.metric_type
   and progflow.board_key(e.period_date, e.metric_value) = progflow.board_key(r.period_date, r.metric_value)
 where e.expires_at is null or e.expires_at > now();

comment on view progflow.leaderboard_page is E'Stored leaderboard entries (from refresh_leaderboards) with their ranks (the rank of the value, leaderboard_ranks) and the users'' public names, levels and rank titles as of the refresh; a streak entry is hidden from the local day its streak breaks, whether or not a refresh ran since (readable by every role: it reads no users row). Query by period_type, period_date (NULL for all_time) and metric_type, ordered by rank (index-driven: the values in rank order, then the entries of each; add user_id to the order for a stable order among ties); a user''s own row by user_id.';
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
