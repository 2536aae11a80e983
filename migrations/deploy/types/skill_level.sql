-- Deploy progflow:types/skill_level to pg
-- requires: schema
-- source: sql/progflow/types/skill_level.sql sha256:79ded1bf8e0ddc48a8f2eb067e882720515ae68d811158ef65eae83ae5606e92

begin;

-- A learner's skill level, and a challenge's base difficulty: the same three steps.
create type progflow.skill_level as enum ('beginner', 'intermediate', 'advanced');

comment on type progflow.skill_level is
  E'Skill level of a user and base difficulty of a challenge, from easiest to hardest.';

commit;
