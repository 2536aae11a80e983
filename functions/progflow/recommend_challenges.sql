-- The next challenges for a user: open to them, not completed, within their skill level.
create or replace function progflow.recommend_challenges(p_user_id uuid, p_limit integer default 5)
  returns table (challenge_id uuid, slug text, title text, difficulty_base progflow.skill_level, xp_base integer,
                 estimated_minutes integer, track_slug text, order_in_track integer)
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
begin
  perform progflow.authorize(p_user_id);
  if p_limit is null or p_limit not between 1 and 100 then
    raise exception 'limit must be between 1 and 100, not %', coalesce(p_limit::text, 'NULL')
      using errcode = 'invalid_parameter_value', hint = 'Ask for 5 by default.';
  end if;
  -- one statement: the user's skill level comes with the rows, and an unknown user is looked for
  -- only when there are none
  return query
  select c.id, c.slug::text, c.title::text, c.difficulty_base, c.xp_base, c.estimated_minutes, t.slug::text,
         c.order_in_track
    from progflow.users u
    join progflow.user_challenge_progress p on p.user_id = u.id
    join progflow.challenges c on c.id = p.challenge_id
    left join progflow.learning_tracks t on t.id = c.track_id
   where u.id = p_user_id and p.unlock_date is not null and p.status <> 'completed' and c.is_active
     and c.difficulty_base <= u.skill_level
   order by c.difficulty_base, c.order_in_track, c.slug
   limit p_limit;
  if not found and not exists (select from progflow.users u where u.id = p_user_id) then
    raise exception 'user % does not exist', coalesce(p_user_id::text, 'NULL')
      using errcode = 'no_data_found', hint = 'Check the user id.';
  end if;
end;
$$;

revoke all on function progflow.recommend_challenges(uuid, integer) from public;
grant execute on function progflow.recommend_challenges(uuid, integer) to progflow_readonly;

comment on function progflow.recommend_challenges(uuid, integer) is
  E'The next challenges for a user: unlocked, not completed, active, of a difficulty within the user''s skill level (beginner: beginner; intermediate: up to intermediate; advanced: all), ordered by difficulty then order in track.\n\nErrors: `22023` a limit outside 1–100; `P0002` unknown user; `42501` the caller may not act for the user.\n\nExample: `select slug, title from progflow.recommend_challenges(''…user…'');`';
