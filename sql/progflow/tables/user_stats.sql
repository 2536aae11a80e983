-- User stats: derived totals per user, kept by the engine from the facts (ledger, attempts).
create table progflow.user_stats (
  user_id                    uuid         not null,
  total_xp                   integer      not null default 0,
  current_level              integer      not null default 1,
  total_challenges_started   integer      not null default 0,
  total_challenges_completed integer      not null default 0,
  total_levels_completed     integer      not null default 0,
  total_time_spent_minutes   integer      not null default 0,
  current_streak_days        integer      not null default 0,
  longest_streak_days        integer      not null default 0,
  last_activity_date         date,
  perfect_levels             integer      not null default 0,
  first_passes_by_hour       integer[]    not null default array_fill(0, array[24]),
  updated_at                 timestamptz  not null default now(),
  streak_started_at          timestamptz,
  constraint user_stats_pkey primary key (user_id),
  constraint user_stats_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint user_stats_total_xp_check check (total_xp >= 0),
  constraint user_stats_current_level_check check (current_level >= 1),
  constraint user_stats_counters_check check (
    total_challenges_started >= 0 and total_challenges_completed >= 0
    and total_challenges_completed <= total_challenges_started
    and total_levels_completed >= 0 and total_time_spent_minutes >= 0
    and perfect_levels between 0 and total_levels_completed),
  constraint user_stats_first_passes_by_hour_check check (
    array_ndims(first_passes_by_hour) = 1 and array_lower(first_passes_by_hour, 1) = 1
    and cardinality(first_passes_by_hour) = 24 and 0 <= all(first_passes_by_hour)),
  constraint user_stats_streak_check check (
    current_streak_days >= 0 and longest_streak_days >= current_streak_days)
);

-- No index on the counters: the all-time boards read every user's row (a full scan) to find what
-- changed, so an index on total_xp would only make each award's update of the row a non-HOT update
-- with index entries to write.

create trigger _100_timestamps
  before update on progflow.user_stats
  for each row execute function progflow.tg__timestamps();

comment on table progflow.user_stats is E'Totals per user, derived from the XP ledger and the attempts; one row per user.';
comment on column progflow.user_stats.user_id is E'The user (primary key).';
comment on column progflow.user_stats.total_xp is E'Sum of the user''s XP ledger; never negative.';
comment on column progflow.user_stats.current_level is E'Player level computed from `total_xp`.';
comment on column progflow.user_stats.total_challenges_started is E'Challenges with at least one attempt.';
comment on column progflow.user_stats.total_challenges_completed is E'Challenges with all five levels completed.';
comment on column progflow.user_stats.total_levels_completed is E'Levels passed at least once.';
comment on column progflow.user_stats.total_time_spent_minutes is E'Minutes spent over all attempts.';
comment on column progflow.user_stats.current_streak_days is E'Consecutive activity days ending today or yesterday, in the user''s time zone.';
comment on column progflow.user_stats.longest_streak_days is E'Longest streak ever; never decreases.';
comment on column progflow.user_stats.last_activity_date is E'Latest activity day, in the user''s time zone.';
comment on column progflow.user_stats.perfect_levels is E'Levels passed with a score of 100 (each level once).';
comment on column progflow.user_stats.first_passes_by_hour is E'First passes of levels by hour of the day, in the user''s time zone when they passed: element 1 counts 00:00–00:59, element 24 counts 23:00–23:59.';
comment on column progflow.user_stats.updated_at is E'When the row last changed (kept by a trigger).';
comment on column progflow.user_stats.streak_started_at is E'When the current streak''s first attempt was made: a streak of n days needs n − 2 whole days (24 h) of real time since then (docs/rules.md, Streaks), whatever time zones the user moved through. NULL for a streak counted before this column existed (the start of its first day stands in) or for no streak.';

-- Access: each user reads their own rows, trusted jobs read all; only the engine writes.
alter table progflow.user_stats enable row level security;
alter table progflow.user_stats force row level security;
create policy owner_all on progflow.user_stats to current_user using (true) with check (true);
create policy self_read on progflow.user_stats for select to progflow_readonly
  using (user_id = (select progflow.current_user_id()));
create policy service_read on progflow.user_stats for select to progflow_service using (true);
grant select on progflow.user_stats to progflow_readonly;
