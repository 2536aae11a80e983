-- Deploy progflow:functions/public_profile to pg
-- requires: users-profile_visibility
-- requires: functions/current_streak
-- requires: functions/rank_title
-- requires: functions/calling_role
-- source: functions/progflow/public_profile.sql sha256:dc48a1ac3ebf0c2e9b0aba1d4b0d1dcb0d860910e20a28bff8512aef2de55b97

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- What one learner may see of another: the public profile.
/*
  Row-level security shows a learner only their own users row; a course still shows other
  learners' names, levels and achievements, on boards and behind links. This call returns that
  public part, and nothing else (no email, no preferences, no history), unless the user made their
  profile private (preferences.profile_visibility = 'private'): then only they, and trusted
  callers, see it; to everyone else it does not exist, with the same error as an unknown user, so
  that the call does not tell whether a private account exists.
*/
create or replace function progflow.public_profile(p_profile_id uuid)
  returns table (user_id uuid, username varchar, display_name varchar, avatar_url text, current_level integer,
                 rank_title text, total_xp integer, current_streak_days integer, challenges_completed integer,
                 achievements jsonb, member_since timestamptz)
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_caller name := progflow.calling_role();
begin
  return query
    select u.id, u.username, u.display_name, u.avatar_url, s.current_level, progflow.rank_title(s.current_level),
           s.total_xp, progflow.current_streak(s.current_streak_days, s.last_activity_date, u.preferences ->> 'timezone'),
           s.total_challenges_completed,
           coalesce((select jsonb_agg(jsonb_build_object('slug', a.slug, 'name', a.name, 'rarity', a.rarity,
                                                         'icon_url', a.icon_url, 'unlocked_at', ua.unlocked_at)
                                      order by ua.unlocked_at desc, a.slug)
                       from progflow.user_achievements ua
                       join progflow.achievements a on a.id = ua.achievement_id
                      where ua.user_id = u.id), '[]'),
           u.created_at
      from progflow.users u
      join progflow.user_stats s on s.user_id = u.id
     where u.id = p_profile_id
       and (coalesce(u.preferences ->> 'profile_visibility', 'public') = 'public'
            or u.id = progflow.current_user_id()
            or pg_has_role(v_caller, 'progflow_service', 'member')
            or pg_has_role(v_caller, (select n.nspowner from pg_namespace n where n.nspname = 'progflow'), 'member'));
  if not found then
    raise exception 'there is no public profile of user %', coalesce(p_profile_id::text, 'NULL')
      using errcode = 'no_data_found',
            hint = 'The user does not exist or made their profile private (preferences.profile_visibility).';
  end if;
end;
$$;

revoke all on function progflow.public_profile(uuid) from public;
grant execute on function progflow.public_profile(uuid) to progflow_readonly;

comment on function progflow.public_profile(uuid) is
  E'The public profile of a user, for any learner to see: user_id, username, display_name, avatar_url, current_level, rank_title, total_xp, current_streak_days (as it reads now), challenges_completed, achievements (JSON array of slug, name, rarity, icon_url, unlocked_at, newest first) and member_since. Nothing else of the user (no email, no preferences). A user whose `preferences.profile_visibility` is `private` is seen only by themselves (the acting user) and trusted callers; to others it is as if they did not exist.\n\nReturns one row.\n\nErrors: `P0002` an unknown user, a NULL id, or a private profile of someone else.\n\nExample: `select * from progflow.public_profile(''…user id…'');`';

commit;
