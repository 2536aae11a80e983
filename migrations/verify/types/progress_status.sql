-- Verify progflow:types/progress_status on pg

begin;

-- Raises (division by zero) unless the labels are exactly these, in this order.
select 1 / (array_agg(enumlabel order by enumsortorder)
            = array['not_started', 'in_progress', 'completed']::name[])::int
  from pg_catalog.pg_enum
 where enumtypid = 'progflow.progress_status'::regtype;

rollback;
