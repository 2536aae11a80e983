-- Leaderboard entries: a snapshot of each user's value per period, date and metric; their ranks are
-- the ranks of their values (leaderboard_ranks).
create table progflow.leaderboard_entries (
  id           uuid                        not null default gen_random_uuid(),
  period_type  progflow.leaderboard_period not null,
  period_date  date,
  user_id      uuid                        not null,
  metric_type  varchar(50)                 not null,
  metric_value integer                     not null,
  username     varchar(100)                not null,
  display_name varchar(200),
  avatar_url   text,
  level        integer                     not null,
  rank_title   text                        not null,
  created_at   timestamptz                 not null default now(),
  expires_at   timestamptz,
  constraint leaderboard_entries_pkey primary key (id),
  constraint leaderboard_entries_period_user_metric_key
    unique nulls not distinct (period_type, period_date, user_id, metric_type),
  constraint leaderboard_entries_user_id_fkey foreign key (user_id)
    references progflow.users (id) on delete cascade,
  constraint leaderboard_entries_metric_type_check check (metric_type in ('xp', 'challenges', 'streak')),
  constraint leaderboard_entries_period_date_check check (coalesce(
    case period_type
      when 'all_time' then period_date is null
      when 'daily' then period_date is not null
      when 'weekly' then extract(isodow from period_date) = 1
      when 'monthly' then extract(day from period_date) = 1
    end, false)),
  constraint leaderboard_entries_metric_value_check check (metric_value > 0),
  constraint leaderboard_entries_level_check check (level >= 1)
);

create index leaderboard_entries_user_id_idx on progflow.leaderboard_entries (user_id);
-- A board in value order, as one key (board_key: the board's date and the value), then the user:
-- leaderboard_page's join from a board's values to their entries, and the entries around a user.
create index leaderboard_entries_board_key_idx
  on progflow.leaderboard_entries (period_type, metric_type, progflow.board_key(period_date, metric_value), user_id);

comment on table progflow.leaderboard_entries is E'A user''s value on one leaderboard: a period (and its date), a metric; the rank is that of the value (leaderboard_ranks, joined by leaderboard_page). Kept by the leaderboard refresh, which writes only the entries that changed and copies the public part of the profile (handle, display name, picture, level) so that the board is readable without reading other users'' rows.';
comment on column progflow.leaderboard_entries.id is E'Primary key.';
comment on column progflow.leaderboard_entries.period_type is E'daily, weekly, monthly or all_time.';
comment on column progflow.leaderboard_entries.period_date is E'The day, the Monday of the ISO week, or the first of the month; NULL for all_time.';
comment on column progflow.leaderboard_entries.user_id is E'The user.';
comment on column progflow.leaderboard_entries.metric_type is E'xp, challenges or streak.';
comment on column progflow.leaderboard_entries.metric_value is E'The user''s value of the metric in the period; users with 0 are left out.';
comment on column progflow.leaderboard_entries.username is E'The user''s handle when the entry was computed: boards are public, users rows are not.';
comment on column progflow.leaderboard_entries.display_name is E'The user''s display name when the entry was computed.';
comment on column progflow.leaderboard_entries.avatar_url is E'The user''s picture when the entry was computed.';
comment on column progflow.leaderboard_entries.level is E'The user''s player level when the entry was computed.';
comment on column progflow.leaderboard_entries.rank_title is E'Rank title of that level (rank_title), stored so that reading a page computes nothing per row.';
comment on column progflow.leaderboard_entries.created_at is E'When the entry was last written (a refresh leaves unchanged entries as they are).';
comment on column progflow.leaderboard_entries.expires_at is E'When the entry stops being true without a refresh: on the streak board, the start of the local day on which the user''s streak breaks; NULL for entries that stay true until the next refresh. leaderboard_page hides expired entries.';

-- Access: leaderboards are public, readable by all roles; written by the refresh job only.
alter table progflow.leaderboard_entries enable row level security;
alter table progflow.leaderboard_entries force row level security;
create policy owner_all on progflow.leaderboard_entries to current_user using (true) with check (true);
create policy public_read on progflow.leaderboard_entries for select to progflow_readonly using (true);
grant select on progflow.leaderboard_entries to progflow_readonly;
