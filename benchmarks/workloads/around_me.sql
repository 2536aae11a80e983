-- "Around me" on the all-time XP board: a ranked user's entry with five entries above and five below
-- (leaderboard_around), as the backend acting for them. The user is drawn among the users on the
-- board (progflow_bench.ranked maps 1..users onto them), since half the population has no XP and
-- would cost one index probe.
\set k random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', (SELECT user_id FROM progflow_bench.ranked WHERE k = :k)::text, true);
SELECT rank, metric_value, username, is_me
  FROM progflow.leaderboard_around((SELECT user_id FROM progflow_bench.ranked WHERE k = :k), 'all_time', 'xp');
END;
