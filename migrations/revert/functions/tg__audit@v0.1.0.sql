-- Revert progflow:functions/tg__audit from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

drop trigger _900_audit on progflow.xp_transactions;
drop trigger _900_audit on progflow.user_achievements;
drop trigger _900_audit on progflow.learning_tracks;
drop trigger _900_audit on progflow.challenges;
drop trigger _900_audit on progflow.challenge_levels;
drop trigger _900_audit on progflow.skills;
drop trigger _900_audit on progflow.achievements;
drop trigger _900_audit on progflow.assessment_questions;
drop function progflow.tg__audit;

commit;
