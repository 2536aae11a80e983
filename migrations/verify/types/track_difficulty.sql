-- Verify progflow:types/track_difficulty on pg

begin;

-- Raises (division by zero) unless the labels are exactly these, in this order.
select 1 / (array_agg(enumlabel order by enumsortorder)
            = array['fundamentals', 'concepts', 'systems']::name[])::int
  from pg_catalog.pg_enum
 where enumtypid = 'progflow.track_difficulty'::regtype;

rollback;
