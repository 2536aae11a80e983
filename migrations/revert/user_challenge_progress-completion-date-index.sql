-- Revert progflow:user_challenge_progress-completion-date-index from pg

-- Outside a transaction: the index is dropped without locking out the readers of the table.
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), false); end $$;

drop index concurrently if exists progflow.user_challenge_progress_completion_date_idx;
