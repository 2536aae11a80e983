-- Daily challenges: one challenge per calendar date, with an XP multiplier.
create table progflow.daily_challenges (
  id                   uuid         not null default gen_random_uuid(),
  challenge_id         uuid         not null,
  date                 date         not null,
  difficulty_modifier  numeric(3,2) not null default 1.0,
  xp_multiplier        numeric(3,2) not null default 2.0,
  special_requirements jsonb        not null default '{}',
  participants_count   integer      not null default 0,
  average_score        numeric(5,2),
  closed_at            timestamptz,
  created_at           timestamptz  not null default now(),
  constraint daily_challenges_pkey primary key (id),
  constraint daily_challenges_date_key unique (date),
  constraint daily_challenges_challenge_id_fkey foreign key (challenge_id)
    references progflow.challenges (id) on delete restrict,
  constraint daily_challenges_difficulty_modifier_check check (difficulty_modifier > 0),
  constraint daily_challenges_xp_multiplier_check check (xp_multiplier > 0),
  constraint daily_challenges_special_requirements_check check (jsonb_typeof(special_requirements) = 'object'),
  constraint daily_challenges_participants_count_check check (participants_count >= 0),
  constraint daily_challenges_average_score_check check (average_score between 0 and 100)
);

create index daily_challenges_challenge_id_idx on progflow.daily_challenges (challenge_id);

comment on table progflow.daily_challenges is E'The challenge of the day: one per calendar date.';
comment on column progflow.daily_challenges.id is E'Primary key.';
comment on column progflow.daily_challenges.challenge_id is E'The challenge of the day.';
comment on column progflow.daily_challenges.date is E'The calendar date; unique.';
comment on column progflow.daily_challenges.difficulty_modifier is E'Factor applied to the day''s XP for its difficulty; above 0.';
comment on column progflow.daily_challenges.xp_multiplier is E'Factor applied to the challenge''s xp_base; 2.0 by default.';
comment on column progflow.daily_challenges.special_requirements is E'JSON object of extra rules for the day.';
comment on column progflow.daily_challenges.participants_count is E'Users who attempted it.';
comment on column progflow.daily_challenges.average_score is E'Average score of the attempts, 0 to 100.';
comment on column progflow.daily_challenges.closed_at is E'When the day was closed (attempts ranked, bonuses paid); NULL while open.';
comment on column progflow.daily_challenges.created_at is E'When the row was created.';

-- Access: the catalogue is readable by all roles and written by the owner only.
alter table progflow.daily_challenges enable row level security;
alter table progflow.daily_challenges force row level security;
create policy owner_all on progflow.daily_challenges to current_user using (true) with check (true);
create policy public_read on progflow.daily_challenges for select to progflow_readonly using (true);
grant select on progflow.daily_challenges to progflow_readonly;
