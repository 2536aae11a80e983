-- Structure and checks of progflow.xp_transactions.
begin;
select plan(14);

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
      ('created_at', 'timestamp with time zone', true, 'now()'),
      ('db_role', 'text', true, 'progflow.calling_role()'),
      ('acting_user', 'uuid', false, 'progflow.current_user_id()'),
      ('xact_id', 'xid8', true, 'pg_current_xact_id()')$$,
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
  $$insert into progflow.xp_transactions (user_id, amount, source_type) values ('00000000-0000-0000-0000-0000000000a1', 20, 'admin')$$,
  '23001', 'the XP ledger is written by progflow.award_xp only',
  'a row written past the engine should be refused: the total would not move with it'
);

-- The table's own checks, as the engine's writer sees them.
select set_config('progflow.xp_writer', 'add_xp', true) is not null as "writing as add_xp";
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
select set_config('progflow.xp_writer', '', true) = '' as "no longer writing as add_xp";

select lives_ok($$select progflow.award_xp('00000000-0000-0000-0000-0000000000a1', 20, 'admin')$$, 'an award should be accepted');
select throws_ok(
  $$select progflow.award_xp('00000000-0000-0000-0000-0000000000a1', -21, 'admin')$$,
  '22023', null,
  'a row that would make the total negative should be rejected'
);
select lives_ok($$select progflow.award_xp('00000000-0000-0000-0000-0000000000a1', -10, 'admin')$$,
                'a compensating (negative) row within the total should be accepted');

-- Each row is its own audit record: who wrote it, for whom, in which transaction.
select set_config('progflow.user_id', '00000000-0000-0000-0000-0000000000a1', true) is not null as "acting for ada";
select progflow.award_xp('00000000-0000-0000-0000-0000000000a1', 5, 'admin', 'provenance') is not null as "awarded";
select results_eq(
  $$select db_role = session_user::text, acting_user, xact_id = pg_current_xact_id()
      from progflow.xp_transactions where source_id = 'provenance'$$,
  $$values (true, '00000000-0000-0000-0000-0000000000a1'::uuid, true)$$,
  'a ledger row should record the calling role, the acting user and the transaction'
);
select throws_ok(
  $$update progflow.xp_transactions set db_role = 'someone_else' where source_id = 'provenance'$$,
  '23001', null,
  'a row''s provenance should not change once written'
);

select * from finish();
rollback;
