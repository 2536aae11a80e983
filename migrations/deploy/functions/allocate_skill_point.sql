-- Deploy progflow:functions/allocate_skill_point to pg
-- requires: functions/skill_points_available
-- requires: functions/lock_user
-- requires: tables/skills
-- requires: functions/authorize
-- source: functions/progflow/allocate_skill_point.sql sha256:35e392bf2bf51c99b3e29c188e31b6776f4f0da897f3776c8b516d9400a38c8f

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Spend one skill point on a skill.
create or replace function progflow.allocate_skill_point(p_user_id uuid, p_skill_id uuid)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_skill progflow.skills;
  v_missing text;
  v_level integer;
begin
  perform progflow.authorize(p_user_id);
  perform progflow.lock_user(p_user_id);
  select * into v_skill from progflow.skills k where k.id = p_skill_id and k.is_active;
  if not found then
    raise exception 'skill % does not exist or was retired', coalesce(p_skill_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the id against progflow.skills.';
  end if;
  if progflow.skill_points_available(p_user_id) < 1 then
    raise exception 'user % has no free skill point for %', p_user_id, v_skill.slug
      using errcode = 'PF004', hint = 'Skill points come with player levels: one at every 5th level, one more at every 10th.';
  end if;
  select string_agg(pre.slug, ', ' order by pre.slug) into v_missing
    from jsonb_array_elements_text(v_skill.prerequisites) req(id)
    join progflow.skills pre on pre.id = req.id::uuid
   where not exists (select from progflow.user_skills k
                      where k.user_id = p_user_id and k.skill_id = pre.id and k.current_level >= 1);
  if v_missing is not null then
    raise exception 'skill % needs % first', v_skill.slug, v_missing
      using errcode = 'PF004', hint = 'Put a point in each prerequisite skill first.';
  end if;
  if coalesce((select k.current_level from progflow.user_skills k
                where k.user_id = p_user_id and k.skill_id = p_skill_id), 0) >= v_skill.max_level then
    raise exception 'skill % is at its maximum level % for user %', v_skill.slug, v_skill.max_level, p_user_id
      using errcode = 'PF004', hint = 'Spend the point on another skill.';
  end if;
  insert into progflow.user_skills as k (user_id, skill_id, current_level, points_allocated, unlocked_at, mastered_at)
  values (p_user_id, p_skill_id, 1, 1, now(), case when v_skill.max_level = 1 then now() end)
  on conflict (user_id, skill_id) do update
     set current_level = k.current_level + 1,
         points_allocated = k.points_allocated + 1,
         unlocked_at = coalesce(k.unlocked_at, now()),
         mastered_at = case when k.current_level + 1 >= v_skill.max_level then now() end
  returning k.current_level into v_level;
  return v_level;
end;
$$;

revoke all on function progflow.allocate_skill_point(uuid, uuid) from public;
grant execute on function progflow.allocate_skill_point(uuid, uuid) to progflow_app;

comment on function progflow.allocate_skill_point(uuid, uuid) is
  E'Spends one of the user''s free skill points on a skill: its level goes up by 1; `mastered_at` is set at the skill''s max_level.\n\nReturns the skill''s new level.\n\nErrors: `22023` NULL user; `P0002` unknown user, or an unknown or retired skill; `PF004` no free point, a prerequisite skill below level 1, or the skill at its maximum; `42501` the caller may not act for the user.\n\nExample: `select progflow.allocate_skill_point(''…user…'', ''…skill…'');`';

commit;
