-- Structure of progflow.legacy_import_progress, the progress input of a legacy import with each row's outcome.
begin;
select plan(7);

select has_table('progflow', 'legacy_import_progress', 'progflow.legacy_import_progress should exist');
select isnt(obj_description('progflow.legacy_import_progress'::regclass, 'pg_class'), null,
            'legacy_import_progress should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.legacy_import_progress')$$,
                'every column of legacy_import_progress should have a comment');
select results_eq(
  $$select name, type, not_null from tests.columns('progflow.legacy_import_progress')$$,
  $$values ('import_id', 'bigint', true), ('row_number', 'bigint', true), ('legacy_user_id', 'text', false),
           ('problem_id', 'text', false), ('completed_levels', 'text', false), ('total_xp', 'text', false),
           ('user_id', 'uuid', false), ('challenge_id', 'uuid', false), ('levels', 'integer[]', false),
           ('xp', 'integer', false), ('outcome', 'text', false), ('reason', 'text', false)$$,
  'legacy_import_progress should have exactly these columns, types and NOT NULLs: every input value is kept as text');
select results_eq($$select name from tests.constraints('progflow.legacy_import_progress')$$,
                  $$values ('legacy_import_progress_import_id_fkey'), ('legacy_import_progress_outcome_check'),
                           ('legacy_import_progress_pkey'), ('legacy_import_progress_rejected_check')$$,
                  'legacy_import_progress should have exactly these constraints');

insert into progflow.legacy_imports (id, source) overriding system value values (1, 'test');
select throws_ok($$insert into progflow.legacy_import_progress (import_id, row_number, outcome) values (1, 1, 'rejected')$$,
                 '23514', null, 'a rejected row should say why');
select is((select indexdef from pg_indexes where indexname = 'legacy_import_progress_pending_idx'),
          'CREATE INDEX legacy_import_progress_pending_idx ON progflow.legacy_import_progress USING btree (import_id, user_id) WHERE (outcome IS NULL)',
          'the pending rows should be indexed by learner: a step takes the next learners');

select * from finish();
rollback;
