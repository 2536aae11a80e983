-- A learner's skill level, and a challenge's base difficulty: the same three steps.
create type progflow.skill_level as enum ('beginner', 'intermediate', 'advanced');

comment on type progflow.skill_level is
  E'Skill level of a user and base difficulty of a challenge, from easiest to hardest.';
