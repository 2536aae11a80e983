-- Challenge levels: five per challenge (Connectivity, Capacity, Optimization, Resilience, Excellence).
create table progflow.challenge_levels (
  id                uuid         not null default gen_random_uuid(),
  challenge_id      uuid         not null,
  level_number      integer      not null,
  level_name        varchar(100) not null,
  description       text,
  requirements      jsonb        not null,
  test_cases        jsonb        not null,
  passing_criteria  jsonb        not null,
  xp_reward         integer      not null,
  hints             jsonb        not null default '[]',
  solution_approach text,
  estimated_minutes integer      not null default 15,
  -- CASE: a non-array is refused by the hints check, not by a cast error here
  hint_count        integer      generated always as (
    case when jsonb_typeof(hints) = 'array' then jsonb_array_length(hints) end) stored,
  constraint challenge_levels_pkey primary key (id),
  constraint challenge_levels_challenge_id_level_number_key unique (challenge_id, level_number),
  constraint challenge_levels_challenge_id_fkey foreign key (challenge_id)
    references progflow.challenges (id) on delete cascade,
  constraint challenge_levels_level_number_check check (level_number between 1 and 5),
  constraint challenge_levels_xp_reward_check check (xp_reward > 0),
  constraint challenge_levels_estimated_minutes_check check (estimated_minutes > 0),
  constraint challenge_levels_requirements_check check (jsonb_typeof(requirements) = 'object'),
  constraint challenge_levels_test_cases_check check (jsonb_typeof(test_cases) = 'array'),
  -- CASE fixes the order: min_score is only cast once it is known to be a number (or absent).
  constraint challenge_levels_passing_criteria_check check (
    case when jsonb_typeof(passing_criteria) = 'object'
              and coalesce(jsonb_typeof(passing_criteria -> 'min_score'), 'number') = 'number'
         then coalesce((passing_criteria ->> 'min_score')::numeric, 60) between 0 and 100
         else false end),
  constraint challenge_levels_hints_check check (jsonb_typeof(hints) = 'array')
);

comment on table progflow.challenge_levels is E'One of the five levels of a challenge (catalogue, written by the seed).';
comment on column progflow.challenge_levels.id is E'Primary key; stable across seeding.';
comment on column progflow.challenge_levels.challenge_id is E'The challenge.';
comment on column progflow.challenge_levels.level_number is E'1 to 5.';
comment on column progflow.challenge_levels.level_name is E'Connectivity, Capacity, Optimization, Resilience or Excellence.';
comment on column progflow.challenge_levels.description is E'What the level asks for.';
comment on column progflow.challenge_levels.requirements is E'JSON object of the level''s requirements (functional, traffic, latency, availability, cost).';
comment on column progflow.challenge_levels.test_cases is E'JSON array of the test scenarios run against a design.';
comment on column progflow.challenge_levels.passing_criteria is E'JSON object of pass conditions; `min_score` (0 to 100, default 60) plus per-metric thresholds.';
comment on column progflow.challenge_levels.xp_reward is E'XP for the first pass: xp_base times 1, 1.5, 2, 2.5 or 3.';
comment on column progflow.challenge_levels.hints is E'JSON array of hints, in the order they are revealed.';
comment on column progflow.challenge_levels.solution_approach is E'How a good design solves the level.';
comment on column progflow.challenge_levels.estimated_minutes is E'Estimated minutes for the level.';
comment on column progflow.challenge_levels.hint_count is E'How many hints the level has (generated from `hints`): what the page may show before a hint is used.';

-- Access: the catalogue is readable by all roles and written by the owner only, except what a
-- learner must earn: hints come only through use_hint (which records them and their XP penalty),
-- the solution approach only through level_solution. Column privileges keep both out of reach.
alter table progflow.challenge_levels enable row level security;
alter table progflow.challenge_levels force row level security;
create policy owner_all on progflow.challenge_levels to current_user using (true) with check (true);
create policy public_read on progflow.challenge_levels for select to progflow_readonly using (true);
grant select (id, challenge_id, level_number, level_name, description, requirements, test_cases, passing_criteria,
              xp_reward, estimated_minutes, hint_count)
  on progflow.challenge_levels to progflow_readonly;
