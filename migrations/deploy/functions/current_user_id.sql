-- Deploy progflow:functions/current_user_id to pg
-- requires: schema
-- source: functions/progflow/current_user_id.sql sha256:9ec1f69e62fea7c4ef0490f4b6d872dad7373e99a58d618afc8d97cb5ec6e333

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The acting user: the id the backend set for this transaction in the setting progflow.user_id.
/*
  The backend sets it per transaction, with set_config('progflow.user_id', '<uuid>', true), so it
  is safe behind a transaction-mode pooler. After COMMIT a reused connection reads it as '' (not
  NULL): both mean "no acting user" and give NULL here. Its search_path is pinned like every
  function's, so that no caller's path can swap current_setting for a lookalike inside a policy.
  That keeps the planner from inlining it, which costs nothing where it matters: policies call it
  as (select progflow.current_user_id()), once per query.
*/
create or replace function progflow.current_user_id()
  returns uuid
  language sql
  stable
  parallel safe
  set search_path = pg_catalog, pg_temp
as $$
  select nullif(current_setting('progflow.user_id', true), '')::uuid
$$;

revoke all on function progflow.current_user_id() from public;
grant execute on function progflow.current_user_id() to progflow_readonly;

comment on function progflow.current_user_id() is
  E'The acting user of the transaction: `progflow.user_id` as a uuid, NULL when the setting is unset or empty (as after COMMIT on a reused connection).\n\nErrors: `22P02` the setting is not a uuid.\n\nExample: `select set_config(''progflow.user_id'', ''…user id…'', true), progflow.current_user_id();`';

commit;
