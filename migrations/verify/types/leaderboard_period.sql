-- Verify progflow:types/leaderboard_period on pg

begin;

-- Raises (division by zero) unless the labels are exactly these, in this order.
select 1 / (array_agg(enumlabel order by enumsortorder)
            = array['daily', 'weekly', 'monthly', 'all_time']::name[])::int
  from pg_catalog.pg_enum
 where enumtypid = 'progflow.leaderboard_period'::regtype;

rollback;
