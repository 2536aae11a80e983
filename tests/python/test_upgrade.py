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

    deployed = run(["deploy", "--target", empty_db, "--verify"]).stdout
    assert "  + " in deployed and "Nothing to deploy" not in deployed, "nothing after the release was deployed"

    run(["diff", "--target", empty_db, "--check"])  # the upgraded schema is the sources', partitions and all
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute((ROOT / "tests" / "fixtures" / "helpers.sql").read_text())
        assert conn.execute("select count(*), sum(total_xp) from progflow.user_stats").fetchone() == before
        assert conn.execute("select count(*) from progflow.xp_transactions").fetchone()[0] == ledger
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
