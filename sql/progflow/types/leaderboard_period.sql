-- The periods a leaderboard is computed for.
create type progflow.leaderboard_period as enum ('daily', 'weekly', 'monthly', 'all_time');

comment on type progflow.leaderboard_period is
  E'Period of a leaderboard: a day, an ISO week (Monday), a calendar month, or all time.';
