-- Achievements: badges with typed unlock criteria.
create table progflow.achievements (
  id          uuid                        not null default gen_random_uuid(),
  slug        varchar(100)                not null,
  name        varchar(200)                not null,
  description text,
  icon_url    text,
  category    varchar(50),
  rarity      progflow.achievement_rarity not null default 'common',
  xp_reward   integer                     not null default 0,
  criteria    jsonb                       not null,
  is_active   boolean                     not null default true,
  constraint achievements_pkey primary key (id),
  constraint achievements_slug_key unique (slug),
  constraint achievements_slug_check check (slug ~ '^[a-z0-9]+([_-][a-z0-9]+)*$'),
  constraint achievements_xp_reward_check check (xp_reward >= 0),
  -- CASE fixes the order: the count is only cast once it is known to be a number.
  constraint achievements_criteria_check check (
    case when jsonb_typeof(criteria) = 'object' and jsonb_typeof(criteria -> 'count') = 'number'
         then coalesce(criteria ->> 'type' in (
                'levels_completed', 'challenges_completed', 'perfect_scores', 'streak_days', 'total_xp',
                'player_level', 'track_completed', 'fast_completions', 'no_hint_challenges',
                'daily_challenges', 'completed_before_hour', 'completed_after_hour'), false)
              and (criteria ->> 'count')::numeric >= 1
              -- the time-of-day types need a whole hour, 0 to 24
              and (criteria ->> 'type' not in ('completed_before_hour', 'completed_after_hour')
                   or coalesce(criteria ->> 'hour' ~ '^(1?[0-9]|2[0-4])$', false))
         else false end)
);

comment on table progflow.achievements is E'An achievement (badge) and the rule that unlocks it (catalogue, written by the seed).';
comment on column progflow.achievements.id is E'Primary key; stable across seeding.';
comment on column progflow.achievements.slug is E'Stable key of the achievement, such as `first_challenge`.';
comment on column progflow.achievements.name is E'Name shown to learners.';
comment on column progflow.achievements.description is E'What earns it.';
comment on column progflow.achievements.icon_url is E'URL or name of its icon.';
comment on column progflow.achievements.category is E'Group it is shown in, such as `speed`, `mastery`, `streak` or `exploration`.';
comment on column progflow.achievements.rarity is E'How rare it is.';
comment on column progflow.achievements.xp_reward is E'XP awarded once when it unlocks.';
comment on column progflow.achievements.criteria is E'JSON object `{"type": T, "count": N}` (plus `track` for track_completed, and a whole `hour` from 0 to 24 for the time-of-day types); T is one of the types the engine evaluates.';
comment on column progflow.achievements.is_active is E'False when removed from the catalogue (rows are never deleted).';

-- Access: the catalogue is readable by all roles and written by the owner only.
alter table progflow.achievements enable row level security;
alter table progflow.achievements force row level security;
create policy owner_all on progflow.achievements to current_user using (true) with check (true);
create policy public_read on progflow.achievements for select to progflow_readonly using (true);
grant select on progflow.achievements to progflow_readonly;
