-- Revert progflow:functions/check_rate_limit from pg: deploys the version of @v0.1.0 again
-- requires: tables/level_attempts
-- requires: tables/daily_challenge_attempts

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- The rate limit of XP-bearing calls: at most a set number of new submissions per user per minute.
/*
  The limit is the setting progflow.max_submissions_per_minute (30 when it is not set), so it can
  be set per database or per role (alter role … set …) and, for a job, per session. Submissions
  are the user's level attempts and daily challenge attempts created in the minute before now();
  callers hold the user's lock (lock_user), so two calls of one user cannot both pass on the last
  free slot. A replay of an idempotency key is not a new submission and is not counted.
*/
create or replace function progflow.check_rate_limit(p_user_id uuid)
  returns integer
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_setting text := nullif(btrim(current_setting('progflow.max_submissions_per_minute', true)), '');
  v_limit integer := 30;
  v_recent integer;
begin
  if v_setting is not null then
    if v_setting !~ '^[0-9]{1,9}$' or v_setting::integer < 1 then
      raise exception 'progflow.max_submissions_per_minute must be a whole number of at least 1, not %',
                      quote_literal(v_setting)
        using errcode = 'invalid_parameter_value',
              hint = 'Set it per database or role, such as: alter role app set progflow.max_submissions_per_minute = 30.';
    end if;
    v_limit := v_setting::integer;
  end if;
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
  E'Refuses a new XP-bearing submission when the user already sent `progflow.max_submissions_per_minute` (30 when unset) level or daily attempts in the last minute. Called by `submit_level_attempt` and `submit_daily_challenge_attempt` under the user''s lock.\n\nReturns how many more submissions the user may send in this minute after this one.\n\nErrors: `PF003` over the limit (nothing recorded); `22023` the setting is not a whole number of at least 1.\n\nExample: `alter role app_login set progflow.max_submissions_per_minute = 60;`';

commit;
