-- A user's one attempt at a daily challenge: XP at once, rank bonus when the day closes.
create or replace function progflow.submit_daily_challenge_attempt(p_user_id uuid, p_date date, p_score numeric)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_daily progflow.daily_challenges;
  v_xp_base integer;
  v_tz text;
  v_xp integer;
  v_score numeric(5,2);
  v_before progflow.user_stats;
begin
  perform progflow.authorize(p_user_id);
  if p_score is null or round(p_score, 2) not between 0 and 100 then
    raise exception 'score must be between 0 and 100, not %', coalesce(p_score::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Scores are percentages; they are kept to two decimals.';
  end if;
  v_score := round(p_score, 2);  -- the one value stored, priced and ranked
  v_before := progflow.lock_user(p_user_id);
  perform progflow.check_rate_limit(p_user_id);
  select * into v_daily from progflow.daily_challenges d where d.date = p_date for update;
  select coalesce(u.preferences ->> 'timezone', 'UTC') into v_tz from progflow.users u where u.id = p_user_id;
  if v_daily.id is null or v_daily.closed_at is not null or p_date <> (now() at time zone v_tz)::date then
    raise exception 'the daily challenge of % is not open for user %', coalesce(p_date::text, 'NULL'), p_user_id
      using errcode = 'PF005',
            hint = 'A daily challenge is open on its own date (in the user''s time zone) until the day is closed.';
  end if;
  if exists (select from progflow.daily_challenge_attempts a
              where a.user_id = p_user_id and a.daily_challenge_id = v_daily.id) then
    raise exception 'user % already attempted the daily challenge of %', p_user_id, p_date
      using errcode = 'PF005', hint = 'Each user has one attempt per daily challenge.';
  end if;
  select c.xp_base into v_xp_base from progflow.challenges c where c.id = v_daily.challenge_id;
  v_xp := floor(v_xp_base * v_daily.xp_multiplier * v_daily.difficulty_modifier * v_score / 100)::integer;
  insert into progflow.daily_challenge_attempts (user_id, daily_challenge_id, score, xp_earned)
  values (p_user_id, v_daily.id, v_score, v_xp);
  update progflow.daily_challenges d
     set participants_count = d.participants_count + 1,
         average_score = (select round(avg(a.score), 2) from progflow.daily_challenge_attempts a
                           where a.daily_challenge_id = v_daily.id)
   where d.id = v_daily.id;
  if v_xp > 0 then
    perform progflow.add_xp(p_user_id, v_xp, 'daily', v_daily.id::text, format('Daily challenge of %s', p_date));
  end if;
  perform progflow.unlock_achievements(p_user_id, v_before, array['daily_challenges']);
  return v_xp;
end;
$$;

revoke all on function progflow.submit_daily_challenge_attempt(uuid, date, numeric) from public;
grant execute on function progflow.submit_daily_challenge_attempt(uuid, date, numeric) to progflow_app;

comment on function progflow.submit_daily_challenge_attempt(uuid, date, numeric) is
  E'Records a user''s one attempt at the daily challenge of a date (open on that date in the user''s time zone, until closed) and awards floor(xp_base × xp_multiplier × difficulty_modifier × score / 100) XP at once, as a `daily` ledger row. The score is rounded to two decimals first; that value is stored and priced.\n\nReturns the XP awarded.\n\nErrors: `22023` NULL user or a score outside 0–100 once rounded; `P0002` unknown user; `PF003` rate limited (`check_rate_limit`); `PF005` no daily challenge that day, not open, or already attempted; `42501` the caller may not act for the user.\n\nExample: `select progflow.submit_daily_challenge_attempt(''…user…'', current_date, 88);`';
