-- Structure of progflow.legacy_import_users, the users input of a legacy import with each row's outcome.
begin;
select plan(8);

select has_table('progflow', 'legacy_import_users', 'progflow.legacy_import_users should exist');
select isnt(obj_description('progflow.legacy_import_users'::regclass, 'pg_class'), null, 'legacy_import_users should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.legacy_import_users')$$,
                'every column of legacy_import_users should have a comment');
select results_eq(
  $$select name, type, not_null from tests.columns('progflow.legacy_import_users')$$,
  $$values ('import_id', 'bigint', true), ('row_number', 'bigint', true), ('legacy_id', 'text', false),
           ('email', 'text', false), ('username', 'text', false), ('created_at', 'text', false),
           ('signed_up', 'timestamp with time zone', false), ('user_id', 'uuid', false),
           ('outcome', 'text', false), ('reason', 'text', false)$$,
  'legacy_import_users should have exactly these columns, types and NOT NULLs: every input value is kept as text, and the time as read');
select results_eq($$select name from tests.constraints('progflow.legacy_import_users')$$,
                  $$values ('legacy_import_users_import_id_fkey'), ('legacy_import_users_outcome_check'),
                           ('legacy_import_users_pkey'), ('legacy_import_users_rejected_check')$$,
                  'legacy_import_users should have exactly these constraints');

insert into progflow.legacy_imports (id, source) overriding system value values (1, 'test');
select throws_ok($$insert into progflow.legacy_import_users (import_id, row_number, outcome) values (1, 1, 'rejected')$$,
                 '23514', null, 'a rejected row should say why');
select throws_ok($$insert into progflow.legacy_import_users (import_id, row_number, outcome) values (1, 1, 'lost')$$,
                 '23514', null, 'an outcome should be one of the four');
insert into progflow.legacy_import_users (import_id, row_number) values (1, 1);
delete from progflow.legacy_imports where id = 1;
select is_empty($$select from progflow.legacy_import_users where import_id = 1$$,
                'deleting an import should delete its report');

select * from finish();
rollback;
