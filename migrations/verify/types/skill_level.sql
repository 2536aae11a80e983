-- Verify progflow:types/skill_level on pg

begin;

-- Raises (division by zero) unless the labels are exactly these, in this order.
select 1 / (array_agg(enumlabel order by enumsortorder)
            = array['beginner', 'intermediate', 'advanced']::name[])::int
  from pg_catalog.pg_enum
 where enumtypid = 'progflow.skill_level'::regtype;

rollback;
