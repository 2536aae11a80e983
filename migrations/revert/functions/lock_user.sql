-- Revert progflow:functions/lock_user from pg: deploys the version of @v0.1.0 again
-- requires: tables/user_stats

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The first step of every call that changes a user's game state: check the user, take the lock.
/*
  One canonical lock order everywhere: the user's user_stats row first (FOR UPDATE), then the
  rows of that user's progress, attempts, ledger and achievements. Calls for the same user queue
  here instead of deadlocking later.
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
  select * into v_stats from progflow.user_stats s where s.user_id = p_user_id for update;
  if not found then
    if not exists (select from progflow.users u where u.id = p_user_id) then
      raise exception 'user % does not exist', p_user_id
        using errcode = 'no_data_found', hint = 'Create the user first, or check the id.';
    end if;
    insert into progflow.user_stats (user_id) values (p_user_id) on conflict (user_id) do nothing;
    select * into v_stats from progflow.user_stats s where s.user_id = p_user_id for update;
  end if;
  return v_stats;
end;
$$;

revoke all on function progflow.lock_user(uuid) from public;

comment on function progflow.lock_user(uuid) is
  E'Checks that a user exists and locks their `user_stats` row (creating it when missing): the first lock of the canonical order that every state-changing call takes.\n\nReturns the locked `user_stats` row.\n\nErrors: `22023` NULL user; `P0002` unknown user.\n\nExample: `select (progflow.lock_user(''…user id…'')).total_xp;`';

commit;
