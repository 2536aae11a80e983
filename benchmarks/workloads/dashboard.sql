-- The dashboard of a random user, as the backend acting for them.
\set n random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT * FROM progflow.user_dashboard WHERE id = md5('progflow-demo-user:' || :n)::uuid;
END;
