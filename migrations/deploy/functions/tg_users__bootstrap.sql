-- Deploy progflow:functions/tg_users__bootstrap to pg
-- requires: functions/check_and_unlock_challenges
-- source: functions/progflow/tg_users__bootstrap.sql sha256:c10bbdf86945049983e30493758cc5cbad4d8c3d93225bb02b9d0fa501a2e7f9

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Trigger: a new user gets a stats row and the challenges open to everyone.
create or replace function progflow.tg_users__bootstrap()
  returns trigger
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  insert into progflow.user_stats (user_id) values (NEW.id) on conflict (user_id) do nothing;
  perform progflow.check_and_unlock_challenges(NEW.id);
  return null;
end;
$$;

create or replace trigger _500_bootstrap
  after insert on progflow.users
  for each row execute function progflow.tg_users__bootstrap();

revoke all on function progflow.tg_users__bootstrap() from public;

comment on function progflow.tg_users__bootstrap() is
  E'Trigger function (AFTER INSERT on `users`, row): creates the user''s `user_stats` row and unlocks the challenges that have no prerequisites and no unlock rules.';

commit;
