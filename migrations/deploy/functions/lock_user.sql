-- Deploy progflow:functions/lock_user to pg
-- requires: functions/lock_user@v0.1.0
-- source: functions/progflow/lock_user.sql sha256:fe335018887c7c5d2f61cb0f50929002087a54ed1c51c213f7523457a73e02c1

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The first step of every call that changes a user's game state: check the user, take the lock.
/*
  One canonical lock order everywhere: the user's users row first (FOR NO KEY UPDATE), then their
  user_stats row (FOR UPDATE), then the rows of that user's progress, attempts, ledger and
  achievements. The users row comes first because the paths that start there cannot start
  anywhere else: deleting a user locks it and then cascades into every table of theirs, and a
  profile edit locks it before the same transaction may call the engine. Calls for one user queue
  on that row instead of deadlocking later. FOR NO KEY UPDATE does not block the key-share locks
  that foreign-key checks take, so other users' writes never wait on it.
*/
create or replace function progflow.lock_user(p_user_id uuid)
  returns progflow.user_stats
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_stats progflow.user_stats;
begin
  if p_user_id is null then
    raise exception 'user id must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass the id of the user the call is for.';
  end if;
  perform from progflow.users u where u.id = p_user_id for no key update;
  if not found then
    raise exception 'user % does not exist', p_user_id
      using errcode = 'no_data_found', hint = 'Create the user first, or check the id.';
  end if;
  select * into v_stats from progflow.user_stats s where s.user_id = p_user_id for update;
  if not found then
    insert into progflow.user_stats (user_id) values (p_user_id) returning * into v_stats;
  end if;
  return v_stats;
end;
$$;

revoke all on function progflow.lock_user(uuid) from public;

comment on function progflow.lock_user(uuid) is
  E'Checks that a user exists and takes the canonical first locks: their `users` row (FOR NO KEY UPDATE), then their `user_stats` row (FOR UPDATE, created when missing). Every state-changing call takes it first, so calls for one user, profile edits and the user''s deletion queue instead of deadlocking.\n\nReturns the locked `user_stats` row.\n\nErrors: `22023` NULL user; `P0002` unknown user.\n\nExample: `select (progflow.lock_user(''…user id…'')).total_xp;`';

commit;
