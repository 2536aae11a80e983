-- Revert progflow:functions/skill_points_available from pg: deploys the version of @v0.1.0 again
-- requires: tables/user_skills
-- requires: tables/user_stats
-- requires: functions/authorize

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Skill points a user can still allocate.
create or replace function progflow.skill_points_available(p_user_id uuid)
  returns integer
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_level integer;
begin
  perform progflow.authorize(p_user_id);
  select s.current_level into v_level from progflow.user_stats s where s.user_id = p_user_id;
  if not found then
    raise exception 'user % does not exist', coalesce(p_user_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the user id.';
  end if;
  return v_level / 5 + v_level / 10
         - coalesce((select sum(k.points_allocated) from progflow.user_skills k where k.user_id = p_user_id), 0);
end;
$$;

revoke all on function progflow.skill_points_available(uuid) from public;
grant execute on function progflow.skill_points_available(uuid) to progflow_readonly;

comment on function progflow.skill_points_available(uuid) is
  E'Skill points a user can allocate: floor(L/5) + floor(L/10) earned at player level L, minus those allocated.\n\nErrors: `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select progflow.skill_points_available(''…user id…'');`';

commit;
