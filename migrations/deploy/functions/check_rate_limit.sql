-- Deploy progflow:functions/check_rate_limit to pg
-- requires: functions/check_rate_limit@v0.1.0
-- requires: tables/game_settings
-- source: functions/progflow/check_rate_limit.sql sha256:a7b4c8d0aa4d85f3809f7404ad022995199c6c4bb4ff5974d33519e39cec2a8d

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The rate limit of XP-bearing calls: at most a set number of new submissions per user per minute.
/*
  The limit is game_settings.max_submissions_per_minute, which only the owner writes. It is never
  read from a setting: any role can set progflow.* for its own session, the backend included, so
  a limit taken from there would be the backend's to lift. Submissions are the user's level
  attempts and daily challenge attempts created in the minute before now(); callers hold the
  user's lock (lock_user), so two calls of one user cannot both pass on the last free slot. A
  replay of an idempotency key is not a new submission and is not counted.
*/
create or replace function progflow.check_rate_limit(p_user_id uuid)
  returns integer
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_limit integer := coalesce((select g.max_submissions_per_minute from progflow.game_settings g), 30);
  v_recent integer;
begin
  v_recent := (select count(*) from progflow.level_attempts a
                where a.user_id = p_user_id and a.created_at > now() - interval '1 minute')
            + (select count(*) from progflow.daily_challenge_attempts d
                where d.user_id = p_user_id and d.completed_at > now() - interval '1 minute');
  if v_recent >= v_limit then
    raise exception 'user % sent % submissions in the last minute, the most allowed', p_user_id, v_recent
      using errcode = 'PF003', hint = 'Send it again in a minute; nothing was recorded.';
  end if;
  return v_limit - v_recent - 1;
end;
$$;

revoke all on function progflow.check_rate_limit(uuid) from public;

comment on function progflow.check_rate_limit(uuid) is
  E'Refuses a new XP-bearing submission when the user already sent `game_settings.max_submissions_per_minute` (30 by default; only the owner changes it) level or daily attempts in the last minute. Called by `submit_level_attempt` and `submit_daily_challenge_attempt` under the user''s lock. No session setting changes the limit.\n\nReturns how many more submissions the user may send in this minute after this one.\n\nErrors: `PF003` over the limit (nothing recorded).\n\nExample: `update progflow.game_settings set max_submissions_per_minute = 60;` (as the owner)';

commit;
