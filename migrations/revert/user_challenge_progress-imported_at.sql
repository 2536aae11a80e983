-- Revert progflow:user_challenge_progress-imported_at from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Which progress a legacy import brought is forgotten: it counts for fast and unaided completions again.
alter table progflow.user_challenge_progress drop column imported_at;

commit;
