-- Revert progflow:functions/tg__dashboard_changed from pg

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

drop trigger _700_dashboard_changed on progflow.notifications;
drop trigger _700_dashboard_changed on progflow.user_achievements;
drop trigger _700_dashboard_changed on progflow.user_skills;
drop trigger _700_dashboard_changed on progflow.user_track_progress;
drop function progflow.tg__dashboard_changed;

commit;
