-- How rare an achievement is, from most to least common.
create type progflow.achievement_rarity as enum ('common', 'rare', 'epic', 'legendary');

comment on type progflow.achievement_rarity is
  E'Rarity of an achievement, from most common to rarest.';
