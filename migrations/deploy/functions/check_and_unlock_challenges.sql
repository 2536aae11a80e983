-- Deploy progflow:functions/check_and_unlock_challenges to pg
-- requires: functions/lock_user
-- requires: tables/user_challenge_progress
-- requires: tables/user_track_progress
-- requires: tables/notifications
-- requires: functions/authorize
-- source: functions/progflow/check_and_unlock_challenges.sql sha256:3a03b6967a9b39492a773cdb335371e9094e03e5a418665e1b7ae953d7d4b805

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Unlock every challenge whose prerequisites and unlock rules the user now meets.
create or replace function progflow.check_and_unlock_challenges(p_user_id uuid)
  returns setof uuid
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_level integer;
begin
  perform progflow.authorize(p_user_id);
  v_level := (progflow.lock_user(p_user_id)).current_level;

  return query
  with candidates as (
    select c.id, c.slug, c.title
      from progflow.challenges c
     where c.is_active
       and not exists (
         select from progflow.user_challenge_progress p
          where p.user_id = p_user_id and p.challenge_id = c.id and p.unlock_date is not null)
       and not exists (
         select from jsonb_array_elements_text(c.prerequisites) pre(id)
          where not exists (
            select from progflow.user_challenge_progress d
             where d.user_id = p_user_id and d.challenge_id = pre.id::uuid and d.status = 'completed'))
       and coalesce((c.metadata #>> '{unlock,min_level}')::integer, 1) <= v_level
       and not exists (
         select from jsonb_each_text(coalesce(c.metadata #> '{unlock,track_progress}', '{}')) rule(slug, percent)
          where coalesce((select t.progress_percentage
                            from progflow.user_track_progress t
                            join progflow.learning_tracks lt on lt.id = t.track_id
                           where t.user_id = p_user_id and lt.slug = rule.slug), 0) < rule.percent::numeric)
  ),
  unlocked as (
    insert into progflow.user_challenge_progress as p (user_id, challenge_id, unlock_date)
    select p_user_id, c.id, now() from candidates c
    on conflict (user_id, challenge_id) do update set unlock_date = excluded.unlock_date
      where p.unlock_date is null
    returning p.challenge_id
  ),
  notified as (
    insert into progflow.notifications (user_id, type, title, message, action_url)
    select p_user_id, 'challenge_unlock', 'Challenge unlocked: ' || c.title,
           format('%s is open: its first level is waiting.', c.title), '/challenge/' || c.slug
      from unlocked u join candidates c on c.id = u.challenge_id
  )
  select u.challenge_id from unlocked u;
end;
$$;

revoke all on function progflow.check_and_unlock_challenges(uuid) from public;
grant execute on function progflow.check_and_unlock_challenges(uuid) to progflow_app;

comment on function progflow.check_and_unlock_challenges(uuid) is
  E'Unlocks, for one user, every active challenge whose prerequisites are all completed and whose unlock rules hold (`metadata.unlock.min_level` against the player level, `metadata.unlock.track_progress` as {track slug: percent}). Each unlock sets `unlock_date` and sends a `challenge_unlock` notification, once.\n\nReturns the ids unlocked by this call (none when nothing new).\n\nErrors: `22023` NULL user; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select * from progflow.check_and_unlock_challenges(''…user id…'');`';

commit;
