-- Close a learning session; its duration is counted in whole minutes.
create or replace function progflow.end_learning_session(p_session_id uuid, p_completed boolean default true)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_session progflow.learning_sessions;
  v_minutes integer;
begin
  select * into v_session from progflow.learning_sessions l where l.id = p_session_id for update;
  if not found then
    raise exception 'learning session % does not exist', coalesce(p_session_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the id returned by start_learning_session.';
  end if;
  perform progflow.authorize(v_session.user_id);
  if v_session.end_time is not null then
    raise exception 'learning session % already ended at %', p_session_id, v_session.end_time
      using errcode = 'invalid_parameter_value', hint = 'A session ends once; start a new one.';
  end if;
  v_minutes := floor(extract(epoch from now() - v_session.start_time) / 60)::integer;
  update progflow.learning_sessions l
     set end_time = greatest(now(), l.start_time), duration_minutes = v_minutes, completed = coalesce(p_completed, false)
   where l.id = p_session_id;
  return v_minutes;
end;
$$;

revoke all on function progflow.end_learning_session(uuid, boolean) from public;
grant execute on function progflow.end_learning_session(uuid, boolean) to progflow_app;

comment on function progflow.end_learning_session(uuid, boolean) is
  E'Ends an open learning session now and records whether its goal was completed.\n\nReturns its duration in whole minutes.\n\nErrors: `P0002` unknown session; `22023` the session already ended; `42501` the caller may not act for the user.\n\nExample: `select progflow.end_learning_session(''…session…'', true);`';
