-- Deploy progflow:functions/user_challenge_status to pg
-- requires: tables/user_challenge_progress
-- requires: tables/challenge_levels
-- requires: functions/authorize
-- source: functions/progflow/user_challenge_status.sql sha256:a948ad50977a4d550cd801aa7e3d1572c50fd8b5dba8a47fd0d9009a17698e14

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Every active challenge with the user's status on it and on each of its levels.
create or replace function progflow.user_challenge_status(p_user_id uuid)
  returns table (challenge_id uuid, slug text, title text, category text, track_slug text, order_in_track integer,
                 difficulty_base progflow.skill_level, status text, current_level integer, levels_completed integer[],
                 best_score numeric, levels jsonb)
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  perform progflow.authorize(p_user_id);
  if not exists (select from progflow.users u where u.id = p_user_id) then
    raise exception 'user % does not exist', coalesce(p_user_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the user id.';
  end if;
  return query
  select c.id, c.slug::text, c.title::text, c.category::text, t.slug::text, c.order_in_track, c.difficulty_base,
         case when p.unlock_date is null then 'locked'
              when p.status = 'not_started' then 'unlocked'
              else p.status::text end,
         coalesce(p.current_level, 0), coalesce(p.levels_completed, '{}'), p.best_score,
         (select jsonb_agg(jsonb_build_object(
                   'level', l.level_number, 'name', l.level_name, 'xp_reward', l.xp_reward,
                   'completed', l.level_number = any (coalesce(p.levels_completed, '{}')),
                   'open', p.unlock_date is not null
                           and (l.level_number = 1 or l.level_number - 1 = any (coalesce(p.levels_completed, '{}'))))
                 order by l.level_number)
            from progflow.challenge_levels l where l.challenge_id = c.id)
    from progflow.challenges c
    left join progflow.learning_tracks t on t.id = c.track_id
    left join progflow.user_challenge_progress p on p.challenge_id = c.id and p.user_id = p_user_id
   where c.is_active
   order by t.order_index, c.order_in_track, c.slug;
end;
$$;

revoke all on function progflow.user_challenge_status(uuid) from public;
grant execute on function progflow.user_challenge_status(uuid) to progflow_readonly;

comment on function progflow.user_challenge_status(uuid) is
  E'Every active challenge, in course order, with the user''s status (locked, unlocked, in_progress, completed), current level, completed levels, best score, and its levels as a JSON array of {level, name, xp_reward, completed, open}.\n\nErrors: `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select slug, status, levels from progflow.user_challenge_status(''…user…'');`';

commit;
