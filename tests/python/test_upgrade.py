"""An upgrade on data: the last release with learners in it, then every change since.

Every change after the release tag (reworks, drafted ALTERs, data fixes) runs here on a database
that has users, attempts, a ledger, streaks and notifications, not only on an empty one.
"""

from __future__ import annotations

import psycopg

from conftest import ROOT
from progflow import project


def last_release() -> str:
    tags = [tag.name for change in project.load(ROOT).plan.changes for tag in change.tags]
    assert tags, "the plan has no release tag"
    return f"@{tags[-1]}"


BOARDS = """select period_type, period_date, metric_type, rank, metric_value, user_id from progflow.leaderboard_page
             order by period_type, period_date, metric_type, rank, user_id"""
PERCENTILES = "select id, rank_percentile from progflow.user_dashboard order by id"


def test_the_last_release_with_learners_upgrades_to_the_sources(run, empty_db):
    release = last_release()
    run(["deploy", "--target", empty_db, "--to", release])
    run(["seed", "--target", empty_db])
    run(["demo-data", "--users", "300", "--days", "60", "--target", empty_db])
    with psycopg.connect(empty_db) as conn:
        before = conn.execute("select count(*), sum(total_xp) from progflow.user_stats").fetchone()
        ledger = conn.execute("select count(*) from progflow.xp_transactions").fetchone()[0]
        # What the changes since the release clean up: a time zone that is not an IANA name, which it took.
        odd = conn.execute("insert into progflow.users (email, username, preferences)"
                           " values ('posix@example.org', 'posix_zone', '{\"timezone\": \"UTC+3\"}') returning id"
                           ).fetchone()[0]
        conn.commit()
        before = conn.execute("select count(*), sum(total_xp) from progflow.user_stats").fetchone()
        conn.execute("select progflow.refresh_rank_percentiles()")  # the release's percentile job
        conn.commit()
        boards, percentiles = conn.execute(BOARDS).fetchall(), conn.execute(PERCENTILES).fetchall()
        assert len(boards) > 100 and sum(p is not None for _, p in percentiles) > 50

    deployed = run(["deploy", "--target", empty_db, "--verify"]).stdout
    assert "  + " in deployed and "Nothing to deploy" not in deployed, "nothing after the release was deployed"

    run(["diff", "--target", empty_db, "--check"])  # the upgraded schema is the sources', partitions and all
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute((ROOT / "tests" / "fixtures" / "helpers.sql").read_text())
        assert conn.execute("select count(*), sum(total_xp) from progflow.user_stats").fetchone() == before
        assert conn.execute("select count(*) from progflow.xp_transactions").fetchone()[0] == ledger
        # The stored boards read as they did, their ranks now stored per value; so does every percentile,
        # read from the all-time board instead of the stats row the release's job wrote.
        assert conn.execute(BOARDS).fetchall() == boards
        assert conn.execute(PERCENTILES).fetchall() == percentiles
        # Each ledger row of the release took who wrote it from its audit row, row for row.
        assert conn.execute("""select count(*) from progflow.xp_transactions x
                                 join progflow.audit_log a on a.action = 'xp' and a.object_id = x.id::text
                                where (x.db_role, x.acting_user, x.xact_id)
                                      is not distinct from (a.db_role, a.acting_user, a.xact_id)""").fetchone()[0] == ledger
        broken = conn.execute("""select u.id, v from progflow.users u, tests.invariant_violations(u.id) v
                                 limit 5""").fetchall()
        assert broken == [], "derived state disagrees with its facts after the upgrade"
        assert conn.execute("select preferences ->> 'timezone' from progflow.users where id = %s",
                            (odd,)).fetchone()[0] is None, "a zone that is not an IANA name should be gone"
        # The engine works on the upgraded data: a learner with history plays on, reads, caches.
        user = conn.execute("""select p.user_id, p.challenge_id, least(p.current_level + 1, 5)
                                 from progflow.user_challenge_progress p
                                where p.status = 'in_progress' order by p.user_id limit 1""").fetchone()
        assert user is not None
        conn.execute("select set_config('progflow.user_id', %s, false)", (str(user[0]),))
        version = conn.execute("select version from progflow.user_dashboard where id = %s", (user[0],)).fetchone()[0]
        result = conn.execute("select passed from progflow.submit_level_attempt(%s, %s, %s, '{}', '[]', 95, 10)",
                              user).fetchone()
        assert result == (True,)
        assert conn.execute("select version from progflow.user_dashboard where id = %s",
                            (user[0],)).fetchone()[0] != version
        assert list(conn.execute("select * from tests.invariant_violations(%s)", (user[0],))) == []
    run(["verify", "--target", empty_db])


# The change before the ledger kept its own provenance.
BEFORE_PROVENANCE = "user_dashboard-version"


def test_the_ledger_provenance_reverts_to_audit_rows_and_deploys_again(run, empty_db):
    """Reverting the ledger-provenance changes restores the previous contract (every ledger row has
    its audit row, the stats trigger keeps the total) without losing who wrote the rows written in
    between; deploying again takes them back from the audit rows."""
    run(["deploy", "--target", empty_db])
    run(["seed", "--target", empty_db])
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute((ROOT / "tests" / "fixtures" / "helpers.sql").read_text())
        conn.execute("select tests.create_user('ada'), tests.create_user('bob')")
        with conn.transaction():
            conn.execute("select set_config('progflow.user_id', tests.user_id('ada')::text, true)")
            conn.execute("select progflow.award_xp(tests.user_id('ada'), 120, 'admin', 'x-1')")
        conn.execute("select progflow.award_xp(tests.user_id('bob'), 40, 'admin', 'x-2')")
        written = conn.execute("""select id, db_role, acting_user, xact_id from progflow.xp_transactions
                                   order by id""").fetchall()
        assert len(written) >= 2 and all(row[1] for row in written)

    run(["revert", "--target", empty_db, "--to", BEFORE_PROVENANCE, "-y"])
    with psycopg.connect(empty_db, autocommit=True) as conn:
        assert conn.execute("""select count(*) from pg_attribute where attrelid = 'progflow.xp_transactions'::regclass
                                and attname = 'db_role'""").fetchone()[0] == 0
        audited = conn.execute("""select x.id, a.db_role, a.acting_user, a.xact_id
                                    from progflow.xp_transactions x
                                    join progflow.audit_log a on a.action = 'xp' and a.object_id = x.id::text
                                   order by x.id""").fetchall()
        assert audited == written, "every ledger row should have its audit row, with the writer it recorded"
        # The previous contract works: an award is audited, and a ledger row moves the total by trigger.
        conn.execute("select progflow.award_xp(md5('bob')::uuid, 10, 'admin', 'x-3')")
        assert conn.execute("select count(*) from progflow.audit_log where action = 'xp' and details ->> 'source_id' = 'x-3'"
                            ).fetchone()[0] == 1
        conn.execute("insert into progflow.xp_transactions (user_id, amount, source_type) values (md5('bob')::uuid, 5, 'admin')")
        assert conn.execute("select total_xp from progflow.user_stats where user_id = md5('bob')::uuid").fetchone()[0] == 55

    run(["deploy", "--target", empty_db, "--verify"])
    with psycopg.connect(empty_db, autocommit=True) as conn:
        again = conn.execute("select id, db_role, acting_user, xact_id from progflow.xp_transactions"
                             " where id = any(%s) order by id", ([row[0] for row in written],)).fetchall()
        assert again == written, "deployed again, the ledger should hold the same writers"
        assert conn.execute("select count(*) from progflow.xp_transactions where db_role is null or db_role = 'unrecorded'"
                            ).fetchone()[0] == 0
