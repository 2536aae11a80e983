-- Deploy progflow:user_challenge_progress-completion-date-index to pg
-- requires: tables/user_challenge_progress
-- source: sql/progflow/tables/user_challenge_progress.sql sha256:aef6f5179ae92bad4de9dde0ff56e0c820c6094934dc8de1e2356d092c1c2911

-- Outside a transaction: CREATE INDEX CONCURRENTLY reads the table (53 rows per learner, tens of
-- millions at a million learners) without blocking the writes of the game. The index holds only
-- the completed rows. Should the build fail half way, PostgreSQL leaves an invalid index of this
-- name, which the verify script reports: drop it (drop index concurrently) and deploy again.
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), false); end $$;

create index concurrently if not exists user_challenge_progress_completion_date_idx
  on progflow.user_challenge_progress (completion_date) where completion_date is not null;
