-- Verify progflow:partitions on pg

begin;

-- Raises (division by zero) unless both tables are partitioned with monthly partitions and a default
-- one. Which months exist moves with time (ensure_partitions, detach_attempt_partitions): a
-- verification that named the current month failed on a healthy database a few months on.
select 1 / (count(distinct p.inhparent) = 2)::int
  from pg_catalog.pg_inherits p
  join pg_catalog.pg_class c on c.oid = p.inhrelid
 where p.inhparent in ('progflow.level_attempts'::regclass, 'progflow.xp_transactions'::regclass)
   and c.relname ~ '_p[0-9]{4}_[0-9]{2}$';
select 1 / (count(*) = 2)::int
  from pg_catalog.pg_partitioned_table t
  join pg_catalog.pg_class d on d.oid = t.partdefid
 where t.partrelid in ('progflow.level_attempts'::regclass, 'progflow.xp_transactions'::regclass);

rollback;
