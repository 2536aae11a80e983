-- Open every challenge whose prerequisites and unlock rules a user now meets (the engine's step).
/*
  Internal: no role may call it. Its callers have checked the caller and hold the user's lock;
  check_and_unlock_challenges is the public way in. Called on a level-up (add_xp), a completed
  challenge (submit_level_attempt) and an import.
*/
create or replace function progflow.unlock_challenges(p_user_id uuid)
  returns setof uuid
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_level integer;
begin
  select s.current_level into v_level from progflow.user_stats s where s.user_id = p_user_id;

  -- Planned for each call (EXECUTE): a plan cached while user_challenge_progress was small reads
  -- the whole table for each user once it is large, and sign-ups on a new platform slowed with it.
  return query execute $sql$
  with candidates as (
    select c.id, c.slug, c.title
      from progflow.challenges c
     where c.is_active
       and not exists (
         select from progflow.user_challenge_progress p
          where p.user_id = $1 and p.challenge_id = c.id and p.unlock_date is not null)
       and not exists (
         select from jsonb_array_elements_text(c.prerequisites) pre(id)
          where not exists (
            select from progflow.user_challenge_progress d
             where d.user_id = $1 and d.challenge_id = pre.id::uuid and d.status = 'completed'))
       and coalesce((c.metadata #>> '{unlock,min_level}')::integer, 1) <= $2
       and not exists (
         select from jsonb_each_text(coalesce(c.metadata #> '{unlock,track_progress}', '{}')) rule(slug, percent)
          where coalesce((select t.progress_percentage
                            from progflow.user_track_progress t
                            join progflow.learning_tracks lt on lt.id = t.track_id
                           where t.user_id = $1 and lt.slug = rule.slug), 0) < rule.percent::numeric)
  ),
  unlocked as (
    insert into progflow.user_challenge_progress as p (user_id, challenge_id, unlock_date)
    select $1, c.id, now() from candidates c
    on conflict (user_id, challenge_id) do update set unlock_date = excluded.unlock_date
      where p.unlock_date is null
    returning p.challenge_id
  ),
  notified as (
    insert into progflow.notifications (user_id, type, title, message, action_url)
    select $1, 'challenge_unlock', 'Challenge unlocked: ' || c.title,
           format('%s is open: its first level is waiting.', c.title), '/challenge/' || c.slug
      from unlocked u join candidates c on c.id = u.challenge_id
  )
  select u.challenge_id from unlocked u
  $sql$ using p_user_id, v_level;
end;
$$;

revoke all on function progflow.unlock_challenges(uuid) from public;

comment on function progflow.unlock_challenges(uuid) is
  E'Internal (no role may call it): unlocks, for one user whose lock the caller holds, every active challenge whose prerequisites are all completed and whose unlock rules hold, each with its `challenge_unlock` notification, once. `check_and_unlock_challenges` is the public way in.\n\nReturns the ids unlocked by this call.\n\nErrors: none.';
