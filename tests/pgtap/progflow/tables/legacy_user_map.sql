-- Structure of progflow.legacy_user_map: which progflow user each old system's user became.
begin;
select plan(8);

select has_table('progflow', 'legacy_user_map', 'progflow.legacy_user_map should exist');
select isnt(obj_description('progflow.legacy_user_map'::regclass, 'pg_class'), null, 'legacy_user_map should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.legacy_user_map')$$,
                'every column of legacy_user_map should have a comment');
select results_eq(
  $$select name, type, not_null from tests.columns('progflow.legacy_user_map')$$,
  $$values ('legacy_id', 'text', true), ('user_id', 'uuid', true), ('import_id', 'bigint', false),
           ('mapped_at', 'timestamp with time zone', true)$$,
  'legacy_user_map should have exactly these columns, types and NOT NULLs');
select results_eq($$select name from tests.constraints('progflow.legacy_user_map')$$,
                  $$values ('legacy_user_map_import_id_fkey'), ('legacy_user_map_legacy_id_check'), ('legacy_user_map_pkey'),
                           ('legacy_user_map_user_id_fkey'), ('legacy_user_map_user_id_key')$$,
                  'legacy_user_map should have exactly these constraints');

select tests.create_user(u) from unnest(array['ada', 'bob']) u;
insert into progflow.legacy_imports (id, source) overriding system value values (1, 'test');
insert into progflow.legacy_user_map (legacy_id, user_id, import_id) values ('1042', tests.user_id('ada'), 1);
select throws_ok($$insert into progflow.legacy_user_map (legacy_id, user_id) values ('1043', tests.user_id('ada'))$$,
                 '23505', null, 'one user should stand for one old id only');
delete from progflow.legacy_imports where id = 1;
select is((select import_id from progflow.legacy_user_map where legacy_id = '1042'), null,
          'deleting an import''s report should keep the mapping');
delete from progflow.users where id = tests.user_id('ada');
select is_empty($$select from progflow.legacy_user_map$$, 'deleting the user should delete the mapping');

select * from finish();
rollback;
