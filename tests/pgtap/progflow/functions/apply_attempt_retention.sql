-- progflow.apply_attempt_retention() returns integer: months of attempts past the owner's retention, detached
begin;
select plan(5);

select has_function('progflow', 'apply_attempt_retention', array[]::text[], 'it should exist');
select progflow.ensure_partitions(0, 4);  -- this month and the four before it

select is(progflow.apply_attempt_retention(), 0, 'with no retention set (the default) nothing should be detached');
update progflow.game_settings set attempt_retention_months = 2;
select is(progflow.apply_attempt_retention(), 2, 'a retention of 2 months should detach the months before the last two');
select results_eq($$select c.relname::text collate "default" from pg_inherits i join pg_class c on c.oid = i.inhrelid
                     where i.inhparent = 'progflow.level_attempts'::regclass and c.relname ~ '_p[0-9]'
                       and to_date(substr(c.relname, 17), 'YYYY_MM') < date_trunc('month', now() at time zone 'UTC')
                     order by 1$$,
                  $$select format('level_attempts_p%s', to_char(date_trunc('month', now() at time zone 'UTC')
                                                                - make_interval(months => n), 'YYYY_MM'))
                      from generate_series(2, 1, -1) n$$,
                  'the last two months before the current one should stay attached');
select is(progflow.apply_attempt_retention(), 0, 'a second run should detach nothing');

select * from finish();
rollback;
