-- Demo data: users with months of history, written set-based by `progflow demo-data`.
--
-- The steps run in order, each as one statement; `-- step: NAME [per batch]` starts a step, and the
-- steps marked "per batch" run once for each batch of users (numbers lo to hi - 1). Parameters:
-- %(seed)s (the random seed), %(days)s (the history's length in days), %(now)s (the instant the history
-- leads up to, one for the whole run), %(lo)s and %(hi)s.
--
-- Everything random comes from pg_temp.demo_rand(seed, n, k), a hash of the user's number and a
-- purpose: the same seed gives the same data, whatever the plan or the batch size. Rows are
-- written with triggers off (session_replication_role = replica, which needs a superuser): the
-- derived state (stats, progress, track progress, audit rows) is computed here from the facts,
-- so the invariants the engine keeps hold: total_xp is the ledger's sum, counters match the
-- attempts, every ledger row names its writer and every achievement has its audit row.

-- step: random
create function pg_temp.demo_rand(p_seed bigint, p_n bigint, p_k integer)
  returns float8
  language sql
  immutable
  parallel safe
as $$
  select (hashint8extended(p_n * 4096 + p_k, p_seed) & 9007199254740991)::float8 / 9007199254740992
$$;

-- step: user id
create function pg_temp.demo_user(p_n bigint)
  returns uuid
  language sql
  immutable
  parallel safe
as $$
  select md5('progflow-demo-user:' || p_n)::uuid
$$;

-- step: catalogue
-- The active challenges in an order that respects prerequisites (depth first, then track order),
-- each with the latest position among its prerequisites (-1 for none): a user who completed the
-- challenges before position `done` has it unlocked when that is below `done`.
create temporary table demo_challenges as
with recursive depth (id, d) as (
  select c.id, 0 from progflow.challenges c where c.is_active and c.prerequisites = '[]'
  union all
  select c.id, depth.d + 1
    from progflow.challenges c join depth on c.prerequisites ? depth.id::text
   where c.is_active and depth.d < 100
),
ordered as (
  select c.id, c.track_id, c.xp_base, c.prerequisites,
         (row_number() over (order by max(depth.d), t.order_index, c.order_in_track) - 1)::int as pos
    from depth
    join progflow.challenges c on c.id = depth.id
    join progflow.learning_tracks t on t.id = c.track_id
   group by c.id, c.track_id, c.xp_base, c.prerequisites, t.order_index, c.order_in_track
)
select o.id, o.track_id, o.xp_base, o.pos,
       coalesce((select max(p.pos) from ordered p where o.prerequisites ? p.id::text), -1) as last_prerequisite
  from ordered o;

-- step: levels
create temporary table demo_levels as
select c.pos, l.challenge_id, l.level_number, l.xp_reward
  from demo_challenges c join progflow.challenge_levels l on l.challenge_id = c.id;

-- step: daily challenges
-- One daily challenge per past day of the history, closed; today's is left to set_daily_challenge.
insert into progflow.daily_challenges (challenge_id, date, closed_at, created_at)
select c.id, d::date, d + interval '1 day', d - interval '1 day'
  from generate_series((%(now)s::timestamptz at time zone 'UTC')::date - %(days)s, (%(now)s::timestamptz at time zone 'UTC')::date - 1, interval '1 day') d
  join demo_challenges c
    on c.pos = floor(pg_temp.demo_rand(%(seed)s, extract(epoch from d)::bigint, 1) * (select count(*) from demo_challenges))
on conflict (date) do nothing;

-- step: plan [per batch]
-- Each user's shape: signed up age days ago, idle for the last idle days, challenges completed
-- (in the order above), how far into the next one (reached is 0 for a user who never attempted
-- anything), and an activity in [0, 1) that sets the share of active days with a daily challenge.
--
-- The realistic profile (the default) is a long tail, as course platforms see (docs/performance.md,
-- "Demo population", gives the figures and their sources): half the sign-ups never attempt a level,
-- a third try a level or two of their first challenge and leave within days, one in eight completes
-- a few challenges over a few weeks, and a core of one in fifty does most of the work, three in a thousand finishing
-- the course. The uniform profile gives every user the same, heavier, distribution (about five
-- times the history per user): a stress test of the history tables.
create temporary table demo_plan as
select n, pg_temp.demo_user(n) as id, age, idle, activity, done,
       case when segment = 0 then 0 else least(done + 1, 61) end as reached, next_levels
  from (select n, age, segment, activity, done, next_levels,
               case when %(profile)s = 'uniform' or segment >= 3
                    then least(age - 1, floor(power(pg_temp.demo_rand(%(seed)s, n, 2), 3) * age)::int)
                    -- active for the first days after signing up: a day or three to try, about four
                    -- days per challenge completed
                    else greatest(0, age - 1 - floor(pg_temp.demo_rand(%(seed)s, n, 2) * 3)::int - 4 * done) end as idle
          from (select n, age, segment,
                       case when %(profile)s = 'uniform' then activity
                            else (array[0, 0, 0.05, 0.25, 0.6])[segment + 1] * (1 + w) end as activity,
                       case when %(profile)s = 'uniform' then least(61, floor(61 * power(activity, 2))::int)
                            else (array[0, 0, 1 + floor(6 * power(w, 2)), 7 + floor(54 * w), 61])[segment + 1]::int
                       end as done,
                       case when segment = 1 then floor(3 * power(w, 2))::int
                            else floor(pg_temp.demo_rand(%(seed)s, n, 5) * 5)::int end as next_levels
                  from (select n, 1 + floor(pg_temp.demo_rand(%(seed)s, n, 1) * %(days)s)::int as age,
                               power(pg_temp.demo_rand(%(seed)s, n, 3), 4) as activity,
                               pg_temp.demo_rand(%(seed)s, n, 8) as w,
                               case when %(profile)s = 'uniform' then 4
                                    else width_bucket(pg_temp.demo_rand(%(seed)s, n, 3), array[0.5, 0.85, 0.98, 0.997]::float8[])
                               end as segment
                          from generate_series(%(lo)s::bigint, %(hi)s::bigint - 1) n) a) b) c;

-- step: users [per batch]
insert into progflow.users (id, email, username, display_name, skill_level, onboarding_completed, preferences,
                            created_at, updated_at, last_active_at)
select p.id, 'demo' || p.n || '@example.org', 'demo' || p.n, 'Demo ' || p.n,
       (array['beginner', 'intermediate', 'advanced'])[1 + floor(pg_temp.demo_rand(%(seed)s, p.n, 6) * 3)::int]::progflow.skill_level,
       true,
       jsonb_build_object('timezone', (array['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Asia/Tokyo',
                                             'America/Sao_Paulo'])[1 + floor(pg_temp.demo_rand(%(seed)s, p.n, 7) * 6)::int]),
       %(now)s::timestamptz - make_interval(days => p.age), %(now)s::timestamptz - make_interval(days => p.idle),
       %(now)s::timestamptz - make_interval(days => p.idle)
  from demo_plan p;

-- step: attempts [per batch]
-- Levels of the completed challenges, then next_levels passed in the one after, and a failed try
-- at the level after that; each level failed 0 to 2 times before its pass. Attempts spread evenly
-- over the active span, in their order.
create temporary table demo_attempts as
select p.n, p.id as user_id, l.challenge_id, l.level_number, a.attempt_number, a.passed,
       case when a.passed then 60 + floor(pg_temp.demo_rand(%(seed)s, p.n, 1000 + o) * 41)
            else floor(pg_temp.demo_rand(%(seed)s, p.n, 1000 + o) * 60) end::numeric(5,2) as score,
       case when a.passed then l.xp_reward else 0 end as xp_earned,
       5 + floor(pg_temp.demo_rand(%(seed)s, p.n, 2000 + o) * 40)::int as minutes,
       %(now)s::timestamptz - make_interval(days => p.age)
             + (o + 0.5) / (p.reached * 15.0) * (p.age - p.idle) * interval '1 day' as created_at,
       md5('progflow-demo-attempt:' || p.n || ':' || o)::uuid as id
  from demo_plan p
  join demo_levels l on l.pos < p.reached
  cross join lateral (select floor(power(pg_temp.demo_rand(%(seed)s, p.n, l.pos * 8 + l.level_number), 3) * 3)::int as fails) f
  cross join lateral (
    select g as attempt_number, g = f.fails + 1 as passed
      from generate_series(1, f.fails + 1) g
     where l.pos < p.done or l.level_number <= p.next_levels
    union all
    select 1, false where l.pos = p.done and l.level_number = p.next_levels + 1
  ) a
  cross join lateral (select l.pos * 15 + (l.level_number - 1) * 3 + a.attempt_number - 1 as o) ord;

-- step: analyze attempts [per batch]
-- Temporary tables are never analyzed by autovacuum: without statistics the joins below go wrong.
analyze demo_plan, demo_attempts;

-- step: attempt rows [per batch]
insert into progflow.level_attempts (id, user_id, challenge_id, level_number, attempt_number, design_snapshot,
                                     test_results, score, passed, xp_earned, time_spent_minutes, feedback, created_at)
select id, user_id, challenge_id, level_number, attempt_number, '{"nodes": [], "edges": []}', '[]', score, passed,
       xp_earned, minutes, '{}', created_at
  from demo_attempts;

-- step: daily attempts [per batch]
-- A share of the days a user was active (by activity), each scored; XP as close_daily_challenge pays.
create temporary table demo_daily as
select p.n, p.id as user_id, d.id as daily_challenge_id, d.date,
       floor(pg_temp.demo_rand(%(seed)s, p.n, 5000 + k) * 101)::numeric(5,2) as score,
       md5('progflow-demo-daily:' || p.n || ':' || k)::uuid as id
  from demo_plan p
  cross join lateral generate_series(1, floor(p.activity * (p.age - p.idle) * 0.6)::int) k
  join progflow.daily_challenges d
    on d.date = (%(now)s::timestamptz at time zone 'UTC')::date - p.age
                + floor(k::float8 / (floor(p.activity * (p.age - p.idle) * 0.6) + 1) * (p.age - p.idle))::int
 where d.date < (%(now)s::timestamptz at time zone 'UTC')::date;

-- step: daily attempt rows [per batch]
insert into progflow.daily_challenge_attempts (id, user_id, daily_challenge_id, score, xp_earned, completed_at)
select id, user_id, daily_challenge_id, score, floor(score)::int, date + interval '12 hours'
  from demo_daily;

-- step: ledger [per batch]
-- Challenge XP for each first pass, daily XP for each daily attempt with a score.
create temporary table demo_ledger as
select md5('progflow-demo-xp:' || a.id)::uuid as id, a.n, a.user_id, a.xp_earned as amount, 'challenge' as source_type,
       a.id::text as source_id, 'First pass of level ' || a.level_number as description, a.created_at
  from demo_attempts a where a.xp_earned > 0
union all
select md5('progflow-demo-xp:' || d.id)::uuid, d.n, d.user_id, floor(d.score)::int, 'daily', d.id::text,
       'Daily challenge of ' || d.date, d.date + interval '12 hours'
  from demo_daily d where d.score >= 1;

-- step: analyze history [per batch]
analyze demo_daily, demo_ledger;

-- step: progress [per batch]
insert into progflow.user_challenge_progress (user_id, challenge_id, status, current_level, levels_completed, unlock_date,
                                              start_date, completion_date, total_attempts, total_time_spent_minutes,
                                              best_score, xp_earned)
select a.user_id, a.challenge_id,
       case when count(distinct a.level_number) filter (where a.passed) = 5 then 'completed' else 'in_progress' end::progflow.progress_status,
       coalesce(max(a.level_number) filter (where a.passed), 0),
       coalesce(array_agg(distinct a.level_number order by a.level_number) filter (where a.passed), '{}'),
       min(a.created_at), min(a.created_at),
       case when count(distinct a.level_number) filter (where a.passed) = 5 then max(a.created_at) end,
       count(*), sum(a.minutes), max(a.score), sum(a.xp_earned)
  from demo_attempts a
 group by a.user_id, a.challenge_id
union all
-- The challenges unlocked (their prerequisites completed; unlock rules left aside) and not started.
select p.id, c.id, 'not_started', 0, '{}', %(now)s::timestamptz - make_interval(days => p.age), null, null, 0, 0, null, 0
  from demo_plan p
  join demo_challenges c on c.pos >= p.reached and c.last_prerequisite < p.done;

-- step: track progress [per batch]
insert into progflow.user_track_progress (user_id, track_id, status, progress_percentage, challenges_completed,
                                          total_challenges, unlock_date, start_date, completion_date)
select p.id, t.track_id,
       case when x.completed = t.total then 'completed' when x.started > 0 then 'in_progress' else 'not_started' end::progflow.progress_status,
       round(100.0 * x.completed / t.total, 2), x.completed, t.total, %(now)s::timestamptz - make_interval(days => p.age),
       x.first_start, case when x.completed = t.total then x.last_completion end
  from demo_plan p
  cross join (select track_id, count(*)::int as total from demo_challenges group by track_id) t
  cross join lateral (
    select count(*) filter (where u.status = 'completed')::int as completed, count(u.start_date)::int as started,
           min(u.start_date) as first_start, max(u.completion_date) as last_completion
      from progflow.user_challenge_progress u join demo_challenges c on c.id = u.challenge_id
     where u.user_id = p.id and c.track_id = t.track_id
  ) x;

-- step: streaks [per batch]
-- Streaks from the days with attempts (UTC), by gaps and islands: the current one ends today or
-- yesterday.
create temporary table demo_streaks as
select n, max(len) filter (where last >= (%(now)s::timestamptz at time zone 'UTC')::date - 1) as current, max(len) as longest,
       max(last) as last_day
  from (select n, count(*)::int as len, max(day) as last
          from (select n, day, day - (row_number() over (partition by n order by day))::int as island
                  from (select distinct n, (created_at at time zone 'UTC')::date as day from demo_attempts) days) d
         group by n, island) islands
 group by n;

-- step: counters [per batch]
-- The counters submit_level_attempt keeps in user_stats (every demo pass is a first pass): levels
-- passed with 100, and first passes by local hour (element h + 1 is hour h). The achievements
-- below read them as evaluate_achievements does, and the stats row stores them.
create temporary table demo_counters as
select p.n, coalesce(pf.perfect, 0) as perfect,
       array(select coalesce((ph.hours ->> h::text)::int, 0) from generate_series(0, 23) h order by h) as by_hour
  from demo_plan p
  left join (select n, count(distinct (challenge_id, level_number)) filter (where score = 100)::int as perfect
               from demo_attempts where passed group by n) pf using (n)
  left join (select n, jsonb_object_agg(hour, passes) as hours
               from (select a.n, extract(hour from a.created_at at time zone coalesce(u.preferences ->> 'timezone', 'UTC'))::int
                              as hour, count(*) as passes
                       from demo_attempts a join progflow.users u on u.id = a.user_id
                      where a.passed group by 1, 2) x
              group by n) ph using (n);

-- step: analyze counters [per batch]
analyze demo_counters;

-- step: achievements [per batch]
-- Every achievement whose criteria the history meets, by the rules of evaluate_achievements;
-- unlocked when the history ended. Their XP joins the ledger.
create temporary table demo_achievements as
with facts as (
  select p.n, p.id, p.done, p.idle, coalesce(x.xp, 0) as xp, coalesce(l.levels, 0) as levels,
         c.perfect, c.by_hour, coalesce(d.dailies, 0) as dailies,
         greatest(coalesce(s.longest, 0), coalesce(s.current, 0)) as streak, coalesce(f.fast, 0) as fast
    from demo_plan p
    left join (select n, sum(amount)::int as xp from demo_ledger group by n) x using (n)
    join demo_counters c using (n)
    left join (select n, count(*) filter (where passed) as levels from demo_attempts group by n) l using (n)
    left join (select n, count(*) as dailies from demo_daily group by n) d using (n)
    left join demo_streaks s using (n)
    left join (select u.user_id as id, count(*) as fast
                 from progflow.user_challenge_progress u join progflow.challenges c on c.id = u.challenge_id
                where u.user_id in (select id from demo_plan) and u.status = 'completed'
                  and u.total_time_spent_minutes < c.estimated_minutes
                group by u.user_id) f using (id)
)
select md5('progflow-demo-achievement:' || f.n || ':' || a.slug)::uuid as id, f.n, f.id as user_id,
       a.id as achievement_id, a.xp_reward, %(now)s::timestamptz - make_interval(days => f.idle) as unlocked_at
  from facts f
  join progflow.achievements a on a.is_active
 where (a.criteria ->> 'count')::numeric <= case a.criteria ->> 'type'
         when 'levels_completed' then f.levels
         when 'challenges_completed' then f.done
         when 'total_xp' then f.xp
         when 'player_level' then progflow.calculate_level_from_xp(f.xp)
         when 'streak_days' then f.streak
         when 'perfect_scores' then f.perfect
         when 'track_completed' then (
           select count(*) from progflow.user_track_progress t join progflow.learning_tracks lt on lt.id = t.track_id
            where t.user_id = f.id and t.status = 'completed'
              and (a.criteria ->> 'track' is null or lt.slug = a.criteria ->> 'track'))
         when 'fast_completions' then f.fast
         when 'no_hint_challenges' then f.done
         when 'daily_challenges' then f.dailies
         when 'completed_before_hour' then (select sum(v) from unnest(f.by_hour[:(a.criteria ->> 'hour')::int]) v)
         when 'completed_after_hour' then (select sum(v) from unnest(f.by_hour[(a.criteria ->> 'hour')::int + 1:]) v)
       end;

-- step: achievements reached by their own XP [per batch]
-- The XP of the achievements above may reach further XP and level achievements, as the engine's
-- loop would find: one round of it. The XP of these can reach yet more for a few users in a
-- thousand (18 unlocks left among the first 2,000 of 10,000 users), which the engine makes at their
-- next call.
insert into demo_achievements
select md5('progflow-demo-achievement:' || p.n || ':' || a.slug)::uuid, p.n, p.id, a.id, a.xp_reward,
       %(now)s::timestamptz - make_interval(days => p.idle)
  from demo_plan p
  left join (select n, sum(amount)::int as xp from demo_ledger group by n) x using (n)
  left join (select n, sum(xp_reward)::int as xp from demo_achievements group by n) y using (n)
  join progflow.achievements a
    on a.is_active and a.criteria ->> 'type' in ('total_xp', 'player_level')
   and (a.criteria ->> 'count')::numeric <= case a.criteria ->> 'type'
         when 'total_xp' then coalesce(x.xp, 0) + coalesce(y.xp, 0)
         else progflow.calculate_level_from_xp(coalesce(x.xp, 0) + coalesce(y.xp, 0))
       end
 where not exists (select from demo_achievements d where d.n = p.n and d.achievement_id = a.id);

-- step: analyze achievements [per batch]
analyze demo_streaks, demo_achievements;

-- step: achievement rows [per batch]
insert into progflow.user_achievements (id, user_id, achievement_id, unlocked_at)
select id, user_id, achievement_id, unlocked_at from demo_achievements;

-- step: achievement xp [per batch]
insert into demo_ledger
select md5('progflow-demo-xp:' || id)::uuid, n, user_id, xp_reward, 'achievement', achievement_id::text,
       'Achievement unlocked', unlocked_at
  from demo_achievements where xp_reward > 0;

-- step: ledger rows [per batch]
-- Who wrote each row is the ledger's own record (its columns' defaults: this session, acting for no
-- one), since 0.2.0; before, each row had its audit row, which the next step writes then.
insert into progflow.xp_transactions (id, user_id, amount, source_type, source_id, description, created_at)
select id, user_id, amount, source_type, source_id, description, created_at from demo_ledger;

-- step: audit rows [per batch]
insert into progflow.audit_log (logged_at, db_role, acting_user, action, object, object_id, user_id, details)
select x.created_at, 'progflow_demo', x.user_id, 'xp', 'xp_transactions', x.id::text, x.user_id,
       jsonb_build_object('amount', x.amount, 'source_type', x.source_type, 'source_id', x.source_id)
  from demo_ledger x
 where not exists (select from pg_attribute a
                    where a.attrelid = 'progflow.xp_transactions'::regclass and a.attname = 'db_role')
union all
select a.unlocked_at, 'progflow_demo', a.user_id, 'achievement', 'user_achievements', a.id::text, a.user_id,
       jsonb_build_object('achievement_id', a.achievement_id)
  from demo_achievements a
 order by 1;

-- step: notifications [per batch]
-- A notification per completed challenge (its level 5) and per achievement; those older than a
-- week are read.
insert into progflow.notifications (user_id, type, title, message, is_read, created_at, read_at)
select a.user_id, 'level_complete', 'Challenge complete', null,
       a.created_at < %(now)s::timestamptz - interval '7 days', a.created_at,
       case when a.created_at < %(now)s::timestamptz - interval '7 days' then a.created_at + interval '1 hour' end
  from demo_attempts a where a.passed and a.level_number = 5
union all
select a.user_id, 'achievement', 'Achievement unlocked', null,
       a.unlocked_at < %(now)s::timestamptz - interval '7 days', a.unlocked_at,
       case when a.unlocked_at < %(now)s::timestamptz - interval '7 days' then a.unlocked_at + interval '1 hour' end
  from demo_achievements a;

-- step: sessions [per batch]
insert into progflow.learning_sessions (user_id, session_type, resource_id, start_time, end_time, duration_minutes,
                                        completed)
select a.user_id, 'challenge', a.challenge_id::text, a.created_at - make_interval(mins => a.minutes), a.created_at,
       a.minutes, a.passed
  from demo_attempts a
 where a.attempt_number = 1 and a.level_number in (1, 4);

-- step: stats [per batch]
-- Totals and counters from the rows above.
insert into progflow.user_stats (user_id, total_xp, current_level, total_challenges_started, total_challenges_completed,
                                 total_levels_completed, total_time_spent_minutes, current_streak_days,
                                 longest_streak_days, last_activity_date, perfect_levels, first_passes_by_hour)
select p.id, coalesce(xp.total, 0), progflow.calculate_level_from_xp(coalesce(xp.total, 0)), coalesce(pr.started, 0),
       coalesce(pr.completed, 0), coalesce(pr.levels, 0), coalesce(pr.minutes, 0), coalesce(st.current, 0),
       coalesce(st.longest, 0), st.last_day, c.perfect, c.by_hour
  from demo_plan p
  join demo_counters c using (n)
  left join (select user_id as id, sum(amount)::int as total from demo_ledger group by user_id) xp using (id)
  left join (select u.user_id as id, count(u.start_date)::int as started,
               count(*) filter (where u.status = 'completed')::int as completed,
               sum(cardinality(u.levels_completed))::int as levels, sum(u.total_time_spent_minutes)::int as minutes
          from progflow.user_challenge_progress u
         where u.user_id in (select id from demo_plan)
         group by u.user_id) pr using (id)
  left join demo_streaks st using (n);

-- step: done with the batch [per batch]
drop table demo_plan, demo_attempts, demo_daily, demo_ledger, demo_streaks, demo_counters, demo_achievements;
