-- The roles of progflow: group roles (NOLOGIN) that deployers grant to their login roles.
/*
  progflow_readonly  reads the catalogue, the leaderboards and the acting user's own rows, and
                     calls the reading functions (analytics, read replicas);
  progflow_app       the backend: all of progflow_readonly, plus the calls that play the game
                     for the acting user and its own users row;
  progflow_service   trusted jobs: all of progflow_app, acts for any user, runs the batch jobs.
  The owner (the role that deploys) owns every object; nobody else changes the catalogue or the
  ledger directly. Roles belong to the cluster, not the database: they are created when missing
  (which needs CREATEROLE) and left in place by revert, as other databases may use them. A DBA
  without CREATEROLE creates them beforehand, with these memberships, and the deploy passes.
*/
do $$
declare
  v_role text;
  v_member text;
begin
  foreach v_role in array array['progflow_readonly', 'progflow_app', 'progflow_service'] loop
    if not exists (select from pg_catalog.pg_roles r where r.rolname = v_role) then
      execute format('create role %I nologin', v_role);
    end if;
  end loop;
  for v_role, v_member in values ('progflow_readonly', 'progflow_app'), ('progflow_app', 'progflow_service') loop
    if not pg_catalog.pg_has_role(v_member, v_role, 'member') then
      execute format('grant %I to %I', v_role, v_member);
    end if;
  end loop;
end
$$;

-- Functions are not executable by PUBLIC unless granted: every function file grants its own.
alter default privileges revoke execute on functions from public;
