-- Baseline for the reads: a primary-key SELECT of the acting user's row, in the same envelope.
\set n random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT * FROM progflow.users WHERE id = md5('progflow-demo-user:' || :n)::uuid;
END;
