-- What a random user should do next.
\set n random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT * FROM progflow.recommend_challenges(md5('progflow-demo-user:' || :n)::uuid);
END;
