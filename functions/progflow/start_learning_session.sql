-- Open a learning session.
create or replace function progflow.start_learning_session(p_user_id uuid, p_session_type text, p_resource_id text default null)
  returns uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_id uuid;
begin
  perform progflow.authorize(p_user_id);
  if p_session_type is null or p_session_type not in ('challenge', 'assessment', 'lesson') then
    raise exception 'session_type % is not one of challenge, assessment, lesson', coalesce(quote_literal(p_session_type), 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Use challenge, assessment or lesson.';
  end if;
  if length(p_resource_id) > 255 then
    raise exception 'resource_id must have at most 255 characters, not %', length(p_resource_id)
      using errcode = 'invalid_parameter_value', hint = 'Pass the id of what is studied.';
  end if;
  perform progflow.lock_user(p_user_id);
  insert into progflow.learning_sessions (user_id, session_type, resource_id)
  values (p_user_id, p_session_type, p_resource_id)
  returning id into v_id;
  return v_id;
end;
$$;

revoke all on function progflow.start_learning_session(uuid, text, text) from public;
grant execute on function progflow.start_learning_session(uuid, text, text) to progflow_app;

comment on function progflow.start_learning_session(uuid, text, text) is
  E'Opens a learning session of a user (type challenge, assessment or lesson) starting now.\n\nReturns the session id.\n\nErrors: `22023` NULL user, unknown type or a resource id over 255 characters; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.start_learning_session(''…user…'', ''challenge'', ''url-shortener'');`';
