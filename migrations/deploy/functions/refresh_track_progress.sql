-- Deploy progflow:functions/refresh_track_progress to pg
-- requires: tables/user_track_progress
-- requires: tables/challenges
-- source: functions/progflow/refresh_track_progress.sql sha256:0f324089f88674ad22902687c19901ceac24120b08913202f91c9661226ea869

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Recompute a user's progress on one track from their completed challenges.
create or replace function progflow.refresh_track_progress(p_user_id uuid, p_track_id uuid)
  returns progflow.user_track_progress
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_row progflow.user_track_progress;
begin
  if p_user_id is null or p_track_id is null then
    raise exception 'user id and track id must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass both ids.';
  end if;
  if not exists (select from progflow.users u where u.id = p_user_id) then
    raise exception 'user % does not exist', p_user_id
      using errcode = 'no_data_found', hint = 'Create the user first, or check the id.';
  end if;
  if not exists (select from progflow.learning_tracks t where t.id = p_track_id) then
    raise exception 'track % does not exist', p_track_id
      using errcode = 'no_data_found', hint = 'Check the id against progflow.learning_tracks.';
  end if;
  insert into progflow.user_track_progress as t (user_id, track_id, status, progress_percentage,
                                                 challenges_completed, total_challenges, unlock_date, start_date,
                                                 completion_date)
  select p_user_id, p_track_id,
         case when x.total > 0 and x.done = x.total then 'completed' else 'in_progress' end::progflow.progress_status,
         case when x.total = 0 then 0 else round(100.0 * x.done / x.total, 2) end,
         x.done, x.total, now(), now(),
         case when x.total > 0 and x.done = x.total then now() end
    from (select count(*)::integer as total,
                 count(*) filter (where exists (
                   select from progflow.user_challenge_progress p
                    where p.user_id = p_user_id and p.challenge_id = c.id and p.status = 'completed'))::integer as done
            from progflow.challenges c
           where c.track_id = p_track_id and c.is_active) x
  on conflict (user_id, track_id) do update
     set status = excluded.status,
         progress_percentage = excluded.progress_percentage,
         challenges_completed = excluded.challenges_completed,
         total_challenges = excluded.total_challenges,
         start_date = coalesce(t.start_date, excluded.start_date),
         completion_date = case when excluded.status = 'completed' then coalesce(t.completion_date, excluded.completion_date) end
  returning * into v_row;
  return v_row;
end;
$$;

revoke all on function progflow.refresh_track_progress(uuid, uuid) from public;

comment on function progflow.refresh_track_progress(uuid, uuid) is
  E'Recomputes a user''s `user_track_progress` row for one track: challenges completed over the track''s active challenges, as a percentage rounded to 2 decimals; completed at 100 %.\n\nReturns the row.\n\nErrors: `22023` NULL ids; `P0002` unknown user or track.\n\nExample: `select (progflow.refresh_track_progress(''…user…'', ''…track…'')).progress_percentage;`';

commit;
