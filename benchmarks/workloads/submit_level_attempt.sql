-- submit_level_attempt as the backend acting for a random user, on a random challenge of theirs
-- and a random level up to the next open one: first passes, fails and re-passes of levels
-- already passed, by the score drawn (the pass mark is 60 to 75 by level).
\set n random(1, :users)
\set score random(30, 100)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT r.passed, r.xp_earned
  FROM (SELECT p.user_id, p.challenge_id, 1 + floor(random() * least(5, p.current_level + 1))::int AS level_number
          FROM progflow.user_challenge_progress p
         WHERE p.user_id = md5('progflow-demo-user:' || :n)::uuid
         ORDER BY random() LIMIT 1) p
 CROSS JOIN LATERAL progflow.submit_level_attempt(p.user_id, p.challenge_id, p.level_number,
                                                  '{"nodes": [], "edges": []}', '[]', :score, 20) r;
END;
