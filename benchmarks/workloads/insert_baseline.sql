-- Baseline for the writes: a plain single-row INSERT (a table with only its primary key), in the
-- same request envelope as the workloads (a transaction that first sets the acting user).
\set n random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
INSERT INTO progflow_bench.plain (user_id, amount) VALUES (md5('progflow-demo-user:' || :n)::uuid, 10);
END;
