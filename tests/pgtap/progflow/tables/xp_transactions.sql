-- Structure and checks of progflow.xp_transactions.
begin;
select plan(11);

select has_table('progflow', 'xp_transactions', 'progflow.xp_transactions should exist');
select isnt(obj_description('progflow.xp_transactions'::regclass, 'pg_class'), null, 'xp_transactions should have a comment');
select is_empty($$select * from tests.uncommented_columns('progflow.xp_transactions')$$, 'every column of xp_transactions should have a comment');

select results_eq(
  $$select * from tests.columns('progflow.xp_transactions')$$,
  $$values
      ('id', 'uuid', true, 'gen_random_uuid()'),
      ('user_id', 'uuid', true, null),
      ('amount', 'integer', true, null),
      ('source_type', 'character varying(50)', true, null),
      ('source_id', 'character varying(255)', false, null),
      ('description', 'text', false, null),
      ('created_at', 'timestamp with time zone', true, 'now()')$$,
  'xp_transactions should have exactly these columns, types, NOT NULLs and defaults'
);

select results_eq(
  $$select * from tests.constraints('progflow.xp_transactions')$$,
  $$values
      ('xp_transactions_amount_check', 'CHECK ((amount <> 0))'),
      ('xp_transactions_pkey', 'PRIMARY KEY (id, created_at)'),
      ('xp_transactions_source_type_check', 'CHECK (((source_type)::text = ANY ((ARRAY[''challenge''::character varying, ''achievement''::character varying, ''daily''::character varying, ''streak''::character varying, ''assessment''::character varying, ''admin''::character varying, ''legacy''::character varying])::text[])))'),
      ('xp_transactions_user_id_fkey', 'FOREIGN KEY (user_id) REFERENCES progflow.users(id) ON DELETE CASCADE')$$,
  'xp_transactions should have exactly these constraints (foreign keys with their ON DELETE)'
);

select results_eq(
  $$select * from tests.indexes('progflow.xp_transactions')$$,
  $$values
      ('xp_transactions_created_at_idx', 'CREATE INDEX xp_transactions_created_at_idx ON ONLY progflow.xp_transactions USING btree (created_at DESC)'),
      ('xp_transactions_pkey', 'CREATE UNIQUE INDEX xp_transactions_pkey ON ONLY progflow.xp_transactions USING btree (id, created_at)'),
      ('xp_transactions_user_id_created_at_idx', 'CREATE INDEX xp_transactions_user_id_created_at_idx ON ONLY progflow.xp_transactions USING btree (user_id, created_at DESC)')$$,
  'xp_transactions should have exactly these indexes'
);

-- Valid rows the checks below build on.
insert into progflow.users (id, email, username) values ('00000000-0000-0000-0000-0000000000a1', 'ada@example.org', 'ada');

select throws_ok(
  $$insert into progflow.xp_transactions (user_id, amount, source_type) values ('00000000-0000-0000-0000-0000000000a1', 0, 'admin')$$,
  '23514', null,
  'a zero amount should be rejected'
);
select throws_ok(
  $$insert into progflow.xp_transactions (user_id, amount, source_type) values ('00000000-0000-0000-0000-0000000000a1', 10, 'gift')$$,
  '23514', null,
  'an unknown source_type should be rejected'
);
select throws_ok(
  $$insert into progflow.xp_transactions (user_id, amount, source_type) values ('00000000-0000-0000-0000-0000000000a1', -1, 'admin')$$,
  '23514', null,
  'a row that would make the total negative should be rejected'
);
select lives_ok(
  $$insert into progflow.xp_transactions (user_id, amount, source_type) values ('00000000-0000-0000-0000-0000000000a1', 20, 'admin')$$,
  'an award should be accepted'
);
select lives_ok(
  $$insert into progflow.xp_transactions (user_id, amount, source_type) values ('00000000-0000-0000-0000-0000000000a1', -10, 'admin')$$,
  'a compensating (negative) row within the total should be accepted'
);

select * from finish();
rollback;
