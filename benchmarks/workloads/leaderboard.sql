-- The all-time XP leaderboard's first page (100 rows), then the acting user's own rank: both read
-- the stored board (a snapshot written by refresh_leaderboards), never count the rows above.
\set n random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT rank, username, display_name, metric_value, rank_title
  FROM progflow.leaderboard_page
 WHERE period_type = 'all_time' AND period_date IS NULL AND metric_type = 'xp'
 ORDER BY rank LIMIT 100;
SELECT rank, metric_value
  FROM progflow.leaderboard_page
 WHERE period_type = 'all_time' AND period_date IS NULL AND metric_type = 'xp'
   AND user_id = md5('progflow-demo-user:' || :n)::uuid;
END;
