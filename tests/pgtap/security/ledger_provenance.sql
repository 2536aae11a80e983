-- The XP ledger is its own audit record: every XP change is traceable to the role that wrote it,
-- the acting user and the transaction from the ledger alone, and nobody can change or remove it.
begin;
select plan(6);

select tests.load_catalogue();
select tests.create_user('ada');

-- The backend, acting for ada, submits a first pass: a challenge row and achievement rows.
set local role progflow_app;
select set_config('progflow.user_id', md5('ada')::uuid::text, true) is not null as "acting for ada";
select count(*) from progflow.submit_level_attempt(md5('ada')::uuid, '00000000-0000-0000-0000-0000000000c1', 1,
                                                   '{"nodes": []}', '[]', 100, 10);
reset role;
-- A service, acting for no one, corrects the total.
set local role progflow_service;
select set_config('progflow.user_id', '', true) = '' as "acting for no one";
select progflow.award_xp(md5('ada')::uuid, -5, 'admin', 'correction-1', 'A correction') is not null as "corrected";
reset role;

select results_eq(
  $$select source_type::text, db_role, acting_user from progflow.xp_transactions
     where user_id = md5('ada')::uuid order by source_type, source_id$$,
  $$values ('achievement', 'progflow_app', md5('ada')::uuid), ('achievement', 'progflow_app', md5('ada')::uuid),
           ('admin', 'progflow_service', null::uuid), ('challenge', 'progflow_app', md5('ada')::uuid)$$,
  'each ledger row should name the role that wrote it and the user it acted for'
);
select is((select count(distinct xact_id)::int from progflow.xp_transactions where user_id = md5('ada')::uuid), 1,
          'and the transaction (one here: a test runs in one)');
select is_empty($$select from progflow.audit_log where action = 'xp'$$, 'with no audit row of its own');

select throws_ok($$update progflow.xp_transactions set amount = 1000 where source_id = 'correction-1'$$, '23001', null,
                 'the owner should not change a ledger row');
select throws_ok($$delete from progflow.xp_transactions where source_id = 'correction-1'$$, '23001', null,
                 'nor remove one');
select is(tests.outcome_as('progflow_service', null,
                           'update progflow.xp_transactions set db_role = ''someone'' where source_id = ''correction-1'''),
          'denied', 'and no role may write it at all');

select * from finish();
rollback;
