-- progflow.calling_role() returns name: the role that called, also inside SECURITY DEFINER functions.
begin;
select plan(5);

select has_function('progflow', 'calling_role', array[]::text[], 'calling_role should exist');
select is(progflow.calling_role(), session_user, 'without SET ROLE it should be the login role');
grant execute on function progflow.calling_role() to progflow_readonly;
select is(tests.result_as('progflow_app', null, 'select progflow.calling_role()'), 'progflow_app',
          'after SET ROLE it should be that role');
-- A SECURITY DEFINER function runs as its owner; calling_role still names the caller.
create function pg_temp.definer_sees() returns text language sql security definer
  as 'select progflow.calling_role() || '' as '' || current_user';
grant execute on function pg_temp.definer_sees() to progflow_app;
select is(tests.result_as('progflow_app', null, 'select pg_temp.definer_sees()'), 'progflow_app as ' || current_user,
          'inside a SECURITY DEFINER function it should still name the caller, where current_user names the owner');

select is_empty($$select from tests.plan_lines('select progflow.calling_role()') p where p ~ 'calling_role'$$,
                'the planner should inline it (no pinned search_path; every name schema-qualified)');

select * from finish();
rollback;
