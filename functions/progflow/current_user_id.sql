-- The acting user: the id the backend set for this transaction in the setting progflow.user_id.
/*
  The backend sets it per transaction, with set_config('progflow.user_id', '<uuid>', true), so it
  is safe behind a transaction-mode pooler. After COMMIT a reused connection reads it as '' (not
  NULL): both mean "no acting user" and give NULL here.

  The one function without a pinned search_path, so that the planner inlines it: every policy
  calls it, and a pinned path (a setting changed and restored per call) made a fifth of a
  dashboard read. Instead its body names its function, operator and type by schema, so that no
  caller's path can swap any of them for a lookalike inside a policy (the search_path attack test
  reads through the policies under such a path).
*/
create or replace function progflow.current_user_id()
  returns uuid
  language sql
  stable
  parallel safe
as $$
  select case when pg_catalog.current_setting('progflow.user_id', true) operator(pg_catalog.<>) ''
              then pg_catalog.current_setting('progflow.user_id', true)::pg_catalog.uuid end
$$;

revoke all on function progflow.current_user_id() from public;
grant execute on function progflow.current_user_id() to progflow_readonly;

comment on function progflow.current_user_id() is
  E'The acting user of the transaction: `progflow.user_id` as a uuid, NULL when the setting is unset or empty (as after COMMIT on a reused connection).\n\nErrors: `22P02` the setting is not a uuid.\n\nExample: `select set_config(''progflow.user_id'', ''…user id…'', true), progflow.current_user_id();`';
