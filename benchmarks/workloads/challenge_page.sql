-- A random challenge's page with the acting user's progress on it, in one query (docs/engine.md).
\set n random(1, :users)
\set k random(0, 60)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT cp.*, p.status, p.levels_completed
  FROM progflow.challenge_page cp
  LEFT JOIN progflow.user_challenge_progress p
    ON p.challenge_id = cp.id AND p.user_id = md5('progflow-demo-user:' || :n)::uuid
 WHERE cp.id = (SELECT c.id FROM progflow.challenges c WHERE c.is_active ORDER BY c.id OFFSET :k LIMIT 1);
END;
