-- award_xp for a random user, as progflow_service (the role it is granted to): the ledger row
-- with its provenance, the total and the level, level-up checks, the achievement thresholds.
\set n random(1, :users)
BEGIN;
SELECT set_config('progflow.user_id', md5('progflow-demo-user:' || :n)::uuid::text, true);
SELECT progflow.award_xp(md5('progflow-demo-user:' || :n)::uuid, 10, 'admin', NULL, 'benchmark');
END;
