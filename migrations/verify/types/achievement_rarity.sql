-- Verify progflow:types/achievement_rarity on pg

begin;

-- Raises (division by zero) unless the labels are exactly these, in this order.
select 1 / (array_agg(enumlabel order by enumsortorder)
            = array['common', 'rare', 'epic', 'legendary']::name[])::int
  from pg_catalog.pg_enum
 where enumtypid = 'progflow.achievement_rarity'::regtype;

rollback;
