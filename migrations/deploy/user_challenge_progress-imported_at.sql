-- Deploy progflow:user_challenge_progress-imported_at to pg
-- requires: tables/user_challenge_progress
-- source: sql/progflow/tables/user_challenge_progress.sql sha256:56fc9d8daf1a34b6c74672d58a316588a65fde13dabf596df4c166e0aa0804b4

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Drafted by `progflow diff --draft` from the difference between the migrations and the sources.
-- Review it before committing: it was tried on empty scratch databases, not on your data.

alter table progflow.user_challenge_progress add column imported_at timestamp with time zone;

comment on column progflow.user_challenge_progress.imported_at is 'When a legacy import last brought levels to this row; their time and hints are unknown, so the challenge counts for no time- or hint-based achievement, and a completion the import brought for no period''s challenges board.';

commit;
