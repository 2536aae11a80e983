-- The progflow schema: every object of the course database lives here.
create schema progflow;

comment on schema progflow is
  E'Progressive Flow: the gamified system-design course (challenges, levels, XP, streaks, achievements, skills, leaderboards).';

-- Every progflow role may use the schema; what it may do inside is granted object by object.
grant usage on schema progflow to progflow_readonly;
