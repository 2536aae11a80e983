-- Structure of progflow.legacy_imports, one row per import from the old system.
begin;
select plan(8);

select has_table('progflow', 'legacy_imports', 'progflow.legacy_imports should exist');
select isnt(obj_description('progflow.legacy_imports'::regclass, 'pg_class'), null, 'legacy_imports should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.legacy_imports')$$,
                'every column of legacy_imports should have a comment');
select results_eq(
  $$select name, type, not_null from tests.columns('progflow.legacy_imports')$$,
  $$values ('id', 'bigint', true), ('source', 'text', true), ('started_at', 'timestamp with time zone', true),
           ('finished_at', 'timestamp with time zone', false), ('db_role', 'text', true)$$,
  'legacy_imports should have exactly these columns, types and NOT NULLs');
select results_eq($$select name from tests.constraints('progflow.legacy_imports')$$,
                  $$values ('legacy_imports_finished_at_check'), ('legacy_imports_pkey')$$,
                  'legacy_imports should have exactly these constraints');

insert into progflow.legacy_imports (source) values ('first');
select throws_ok($$insert into progflow.legacy_imports (source) values ('second')$$, '23505', null,
                 'a second unfinished import should be refused: two would race for the same learners');
update progflow.legacy_imports set finished_at = now();
select lives_ok($$insert into progflow.legacy_imports (source) values ('second')$$,
                'once the first has finished, the next may start');
select throws_ok($$update progflow.legacy_imports set finished_at = started_at - interval '1 second' where source = 'second'$$,
                 '23514', null, 'an import should not finish before it starts');

select * from finish();
rollback;
