-- Deploy progflow:functions/legacy_import_start to pg
-- requires: tables/legacy_import_users
-- requires: tables/legacy_import_progress
-- requires: tables/legacy_user_map
-- requires: tables/challenges
-- source: functions/progflow/legacy_import_start.sql sha256:a903c9d043b209c3b27f6fd7f76d2ac3832a782fede35055c8380643a4d33fc9

begin;
-- Give up after 5s waiting for a lock, unless the deployer set a limit (progflow --lock-timeout).
do $$ begin perform set_config('lock_timeout', coalesce(nullif(current_setting('lock_timeout'), '0'), '5s'), true); end $$;

-- Start an import from the old system: stage its input row by row and read every row.
/*
  The input is held as text (legacy_import_users, legacy_import_progress), so a malformed value is
  a reported row, not a load error, and every problem of every row is found in one pass. Reading
  decides what can be decided from the input and the catalogue alone: which rows are rejected and
  why, which user and challenge each row names, and its levels (the levels below the highest
  filled in) and XP. What a row does to a learner (imported, merged, already present) depends on
  the learner's progress when the row is applied, under the learner's lock, by legacy_import_step.
  docs/rules.md, "Moving in from the old system", gives the rules; this is their code.
*/
create or replace function progflow.legacy_import_start(
  p_progress regclass,
  p_users    regclass default null,
  p_source   text default null
)
  returns bigint
  language plpgsql
  volatile
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_import bigint;
  v_missing text;
  v_source regclass;
  v_need text[];
  v_row record;
  c_uuid constant text := '^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$';
begin
  if p_progress is null then
    raise exception 'progress table must not be NULL'
      using errcode = 'invalid_parameter_value', hint = 'Pass the legacy progress table, such as ''public.old_progress_table''.';
  end if;
  if length(p_source) > 1000 then
    raise exception 'source description is % characters long, over the 1000 allowed', length(p_source)
      using errcode = 'invalid_parameter_value', hint = 'Name the tables or files in fewer words.';
  end if;
  foreach v_source in array array[p_progress, p_users] loop
    continue when v_source is null;
    v_need := case when v_source = p_progress then array['user_id', 'problem_id', 'completed_levels', 'total_xp']
                   else array['user_id', 'email', 'username', 'created_at'] end;
    select string_agg(need.col, ', ') into v_missing
      from unnest(v_need) need(col)
     where not exists (select from pg_catalog.pg_attribute a
                        where a.attrelid = v_source and a.attname = need.col and a.attnum > 0 and not a.attisdropped);
    if v_missing is not null then
      raise exception 'legacy table % lacks column(s) %', v_source, v_missing
        using errcode = 'invalid_parameter_value',
              hint = format('The %s table needs the columns %s.',
                            case when v_source = p_progress then 'progress' else 'users' end, array_to_string(v_need, ', '));
    end if;
  end loop;

  select i.id into v_import from progflow.legacy_imports i where i.finished_at is null;
  if found then
    raise exception 'legacy import % has not finished', v_import
      using errcode = 'object_not_in_prerequisite_state',
            hint = format('Finish it first: progflow import-legacy --resume, or select progflow.legacy_import_step(%s) until it returns 0.', v_import);
  end if;
  begin
    insert into progflow.legacy_imports (source)
    values (coalesce(p_source, p_progress::text || coalesce(' and users from ' || p_users::text, '')))
    returning id into v_import;
  exception when unique_violation then
    raise exception 'another legacy import has just started'
      using errcode = 'object_not_in_prerequisite_state', hint = 'Let it finish (progflow import-legacy --resume), then try again.';
  end;

  -- Users: one pass to read every row, then the rules that compare rows with each other and with
  -- the users there are, in order; a row keeps the first outcome it gets.
  if p_users is not null then
    execute format($sql$
      insert into progflow.legacy_import_users (import_id, row_number, legacy_id, email, username, created_at)
      select $1, row_number() over (),
             case when lower(btrim(s.user_id::text)) ~ $2 then btrim(s.user_id::text)::uuid::text
                  else nullif(btrim(s.user_id::text), '') end,
             nullif(btrim(s.email::text), ''), nullif(btrim(s.username::text), ''), nullif(btrim(s.created_at::text), '')
        from %s s$sql$, p_users) using v_import, c_uuid;
    analyze progflow.legacy_import_users;  -- the rules below join its rows with each other

    -- an old id an earlier import mapped, or a user who has that very id: nothing to create
    update progflow.legacy_import_users x
       set outcome = 'already_present', user_id = coalesce(m.user_id, u.id),
           reason = case when m.user_id is not null then 'an earlier import made this user'
                         else 'a user with this id exists' end
      from progflow.legacy_import_users y
      left join progflow.legacy_user_map m on m.legacy_id = y.legacy_id
      left join progflow.users u on u.id = case when lower(y.legacy_id) ~ c_uuid then y.legacy_id::uuid end
     where x.import_id = v_import and y.import_id = v_import and y.row_number = x.row_number
       and (m.user_id is not null or u.id is not null);

    -- rows of one old id that disagree, well formed or not: which is right is not guessed
    update progflow.legacy_import_users x
       set outcome = 'rejected', reason = format('user_id %s has rows that disagree: rows %s', quote_literal(x.legacy_id), c.rows_list)
      from (select y.legacy_id, string_agg(y.row_number::text, ', ' order by y.row_number) as rows_list
              from progflow.legacy_import_users y
             where y.import_id = v_import and y.outcome is null
             group by y.legacy_id
            having count(distinct (lower(y.email), lower(y.username), y.created_at::text)) > 1) c
     where x.import_id = v_import and x.outcome is null and x.legacy_id = c.legacy_id;
    -- what each row says on its own: a time that is not one first (a cast that fails, caught row by
    -- row), then every other problem with it
    for v_row in select y.row_number, y.created_at from progflow.legacy_import_users y
                  where y.import_id = v_import and y.outcome is null and y.created_at is not null loop
      begin
        if not isfinite(v_row.created_at::timestamptz) or v_row.created_at::timestamptz > now() then
          update progflow.legacy_import_users x
             set reason = format('created_at %s is not a past time', quote_literal(v_row.created_at))
           where x.import_id = v_import and x.row_number = v_row.row_number;
        else
          update progflow.legacy_import_users x set signed_up = v_row.created_at::timestamptz
           where x.import_id = v_import and x.row_number = v_row.row_number;
        end if;
      exception when invalid_datetime_format or datetime_field_overflow or invalid_parameter_value then
        update progflow.legacy_import_users x
           set reason = format('created_at %s is not a time', quote_literal(v_row.created_at))
         where x.import_id = v_import and x.row_number = v_row.row_number;
      end;
    end loop;
    update progflow.legacy_import_users x
       set outcome = 'rejected', reason = r.problems
      from (select y.row_number, nullif(concat_ws('; ',
                     case when y.legacy_id is null then 'user_id is empty'
                          when length(y.legacy_id) > 255 then 'user_id is longer than 255 characters' end,
                     case when y.email is null then 'email is empty'
                          when length(y.email) > 255 or y.email !~ '^[^@[:space:]]+@[^@[:space:]]+$'
                            then format('email %s is not an email address', quote_literal(y.email)) end,
                     case when y.username is null then 'username is empty'
                          when y.username !~ '^[A-Za-z0-9_.-]{3,100}$'
                            then format('username %s is not 3 to 100 letters, digits, "_", "." or "-"', quote_literal(y.username)) end,
                     y.reason),
                   '') as problems
              from progflow.legacy_import_users y
             where y.import_id = v_import and y.outcome is null) r
     where x.import_id = v_import and x.row_number = r.row_number and r.problems is not null;

    -- one email or username for different old ids, in the input or against the users there are
    update progflow.legacy_import_users x
       set outcome = 'rejected', reason = c.problems
      from (select y.row_number, nullif(concat_ws('; ',
                     case when count(*) over (partition by lower(y.email)) >
                               count(*) over (partition by lower(y.email), y.legacy_id)
                          then format('email %s is also given for another user_id', quote_literal(y.email)) end,
                     case when count(*) over (partition by lower(y.username)) >
                               count(*) over (partition by lower(y.username), y.legacy_id)
                          then format('username %s is also given for another user_id', quote_literal(y.username)) end,
                     case when exists (select from progflow.users u where lower(u.email) = lower(y.email))
                          then format('email %s belongs to an existing user', quote_literal(y.email)) end,
                     case when exists (select from progflow.users u where lower(u.username) = lower(y.username))
                          then format('username %s belongs to an existing user', quote_literal(y.username)) end), '') as problems
              from progflow.legacy_import_users y
             where y.import_id = v_import and y.outcome is null) c
     where x.import_id = v_import and x.row_number = c.row_number and c.problems is not null;
    -- the first row of each old id creates the user (its id when the old id is a uuid); repeats merge into it
    update progflow.legacy_import_users x
       set user_id = case when lower(x.legacy_id) ~ c_uuid then x.legacy_id::uuid else gen_random_uuid() end
     where x.import_id = v_import and x.outcome is null
       and not exists (select from progflow.legacy_import_users y
                        where y.import_id = v_import and y.outcome is null and y.legacy_id = x.legacy_id
                          and y.row_number < x.row_number);
    update progflow.legacy_import_users x
       set outcome = 'merged', user_id = f.user_id, reason = format('repeats row %s', f.row_number)
      from progflow.legacy_import_users f
     where x.import_id = v_import and x.outcome is null and x.user_id is null
       and f.import_id = v_import and f.legacy_id = x.legacy_id and f.outcome is null and f.user_id is not null;
  end if;

  -- Progress: every row read and checked in one pass. A row's levels are the levels up to its
  -- highest (levels complete in order); its user is an old id mapped before, one this import's
  -- users input creates, or a progflow user id.
  execute replace($sql$
    insert into progflow.legacy_import_progress (import_id, row_number, legacy_user_id, problem_id, completed_levels,
                                                 total_xp, user_id, challenge_id, levels, xp, outcome, reason)
    select $1, s.n, s.who, s.slug, s.given, s.xp_text, w.user_id, c.id, l.levels, x.xp,
           case when r.problems is not null then 'rejected' end, coalesce(r.problems, l.note)
      from (select row_number() over () as n,
                   case when lower(btrim(t.user_id::text)) ~ $2 then btrim(t.user_id::text)::uuid::text
                        else nullif(btrim(t.user_id::text), '') end as who,
                   nullif(btrim(t.problem_id::text), '') as slug, t.completed_levels::text as given,
                   nullif(btrim(t.total_xp::text), '') as xp_text
              from {source} t) s
      left join progflow.legacy_user_map m on m.legacy_id = s.who
      left join (select distinct on (y.legacy_id) y.legacy_id, y.user_id, y.row_number
                   from progflow.legacy_import_users y
                  where y.import_id = $1
                  order by y.legacy_id, y.user_id is null, y.row_number) iu on iu.legacy_id = s.who
      left join progflow.users u on u.id = case when lower(s.who) ~ $2 then s.who::uuid end
      left join progflow.challenges c on c.slug = s.slug
      cross join lateral (select coalesce(m.user_id, iu.user_id, u.id) as user_id) w
      cross join lateral (select case when translate(btrim(s.given), '[]', '{}')
                                           ~* '^\{\s*((-?[0-9]{1,9}|null)\s*(,\s*(-?[0-9]{1,9}|null)\s*)*)?\}$'
                                      then translate(btrim(s.given), '[]', '{}')::integer[] end as arr) a
      cross join lateral (select case when a.arr is not null and array_position(a.arr, null) is null
                                           and a.arr <@ array[1, 2, 3, 4, 5]
                                      then array(select generate_series(1, coalesce((select max(v) from unnest(a.arr) v), 0)))
                                 end as levels) f
      cross join lateral (select f.levels,
                                 case when cardinality(f.levels) > (select count(distinct v) from unnest(a.arr) v)
                                      then format('levels %s filled in below level %s', array_to_string(array(
                                             select v from unnest(f.levels) v except select v from unnest(a.arr) v order by 1), ', '),
                                             cardinality(f.levels)) end as note) l
      cross join lateral (select case when s.xp_text ~ '^[+-]?[0-9]{1,18}$'
                                      then case when s.xp_text::numeric between 0 and 2147483647 then s.xp_text::integer end
                                 end as xp) x
      cross join lateral (select nullif(concat_ws('; ',
          case when w.user_id is not null then null
               when s.who is null then 'user_id is empty'
               when iu.legacy_id is not null then format('user %s was rejected in the users input (row %s)', quote_literal(s.who), iu.row_number)
               when lower(s.who) !~ $2 then format('user %s is not a progflow user id, and no users row maps it', quote_literal(s.who))
               else format('no user %s', quote_literal(s.who)) end,
          case when s.slug is null then 'problem_id is empty'
               when c.id is null then format('no challenge %s', quote_literal(s.slug)) end,
          case when s.given is null then 'completed_levels is NULL'
               when a.arr is null then format('completed_levels %s is not an array of whole numbers', quote_literal(s.given))
               when array_position(a.arr, null) is not null
                 then format('completed_levels %s holds a NULL level', quote_literal(s.given))
               when f.levels is null then format('completed_levels %s holds levels outside 1 to 5', quote_literal(s.given)) end,
          case when s.xp_text is null then 'total_xp is NULL'
               when s.xp_text !~ '^[+-]?[0-9]{1,18}$' then format('total_xp %s is not a whole number', quote_literal(s.xp_text))
               when s.xp_text::numeric < 0 then format('total_xp %s is negative', s.xp_text)
               when x.xp is null then format('total_xp %s is more than 2147483647', s.xp_text) end), '') as problems) r
    $sql$, '{source}', p_progress::text) using v_import, c_uuid;
  -- The steps join thousands of staged rows at a time: the planner must know how many there are.
  analyze progflow.legacy_import_progress;
  return v_import;
end;
$$;

revoke all on function progflow.legacy_import_start(regclass, regclass, text) from public;

comment on function progflow.legacy_import_start(regclass, regclass, text) is
  E'Starts an import from the old system: stages the rows of a progress table (user_id, problem_id = challenge slug, completed_levels, total_xp) and, when given, of a users table (user_id = the old id, email, username, created_at), as text, and reads every row: each problem of each row is recorded (`legacy_import_users`, `legacy_import_progress`: outcome `rejected`, reason), the rest are pending. `legacy_import_step` applies them. `p_source` describes the input for the report (default: the table names). The rules are in docs/rules.md, "Moving in from the old system".\n\nReturns the import''s id.\n\nErrors: `22023` NULL progress table, missing columns, a source description over 1000 characters; `55000` another import has not finished (resume it).\n\nExample: `select progflow.legacy_import_start(''public.old_progress_table'', ''public.old_users'');`';

commit;
