-- Close a day: rank its attempts by score and pay the rank bonuses.
/*
  Lock order: the users of the day's attempts first (lock_user, in id order), then the day's row,
  as submit_daily_challenge_attempt takes them (its user, then the day). An attempt that arrives
  between the two is waited for and ranked; its user is locked when its bonus is paid.
*/
create or replace function progflow.close_daily_challenge(p_date date)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_daily progflow.daily_challenges;
  v_xp_base integer;
  v_attempt record;
  v_count integer := 0;
  v_before progflow.user_stats;
begin
  select * into v_daily from progflow.daily_challenges d where d.date = p_date;
  if not found then
    raise exception 'there is no daily challenge on %', coalesce(p_date::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Set it first with set_daily_challenge.';
  end if;
  perform progflow.lock_user(a.user_id)
     from progflow.daily_challenge_attempts a where a.daily_challenge_id = v_daily.id order by a.user_id;
  select * into v_daily from progflow.daily_challenges d where d.id = v_daily.id for update;
  if v_daily.closed_at is not null then
    raise exception 'the daily challenge of % was already closed at %', p_date, v_daily.closed_at
      using errcode = 'PF005', hint = 'A day is closed once; its bonuses are paid.';
  end if;
  select c.xp_base into v_xp_base from progflow.challenges c where c.id = v_daily.challenge_id;
  for v_attempt in
    select r.id, r.user_id, r.rank,
           floor(v_xp_base * case when r.rank <= 3 then 0.5 when r.rank <= 10 then 0.3
                                  when r.rank <= 100 then 0.1 else 0 end)::integer as bonus
      from (select a.id, a.user_id, rank() over (order by a.score desc)::integer as rank
              from progflow.daily_challenge_attempts a where a.daily_challenge_id = v_daily.id) r
     order by r.user_id
  loop
    update progflow.daily_challenge_attempts a
       set rank = v_attempt.rank, xp_earned = a.xp_earned + v_attempt.bonus
     where a.id = v_attempt.id;
    if v_attempt.bonus > 0 then
      select * into v_before from progflow.user_stats s where s.user_id = v_attempt.user_id;  -- locked above
      perform progflow.add_xp(v_attempt.user_id, v_attempt.bonus, 'daily', v_daily.id::text,
                              format('Rank %s in the daily challenge of %s', v_attempt.rank, p_date));
      perform progflow.unlock_achievements(v_attempt.user_id, v_before, '{}');
    end if;
    v_count := v_count + 1;
  end loop;
  update progflow.daily_challenges d set closed_at = now() where d.id = v_daily.id;
  return v_count;
end;
$$;

revoke all on function progflow.close_daily_challenge(date) from public;
grant execute on function progflow.close_daily_challenge(date) to progflow_service;

comment on function progflow.close_daily_challenge(date) is
  E'Closes the daily challenge of a date: ranks its attempts by score (RANK(): ties share a rank) and awards a `daily` rank bonus of 50 % of the challenge''s xp_base to ranks 1–3, 30 % to 4–10 and 10 % to 11–100.\n\nReturns the number of attempts ranked.\n\nErrors: `P0002` no daily challenge that day; `PF005` already closed.\n\nExample: `select progflow.close_daily_challenge(current_date - 1);`';
