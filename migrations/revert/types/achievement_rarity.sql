-- Revert progflow:types/achievement_rarity from pg

begin;

drop type progflow.achievement_rarity;

commit;
