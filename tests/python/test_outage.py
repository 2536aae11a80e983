"""repair_streaks: when the platform was down, learners keep the streaks it broke (docs/rules.md, Streaks).

On a server whose clock the test moves (the `clock_db` fixture), learners practise on real
days, the platform goes down for a stated window, and the owner repairs the streaks afterwards.
"""

from __future__ import annotations

import datetime as dt

import psycopg
import pytest

from test_jobs import Game, day, game  # noqa: F401 (game: the fixture, a seeded database on a moving clock)



def practise_on(game: Game, when: dt.datetime, *users: str) -> None:
    game.clock.set(when)
    for user in users:
        game.practise(user)


def streak(game: Game, user: str) -> tuple[int, int, dt.date]:
    return game.rows("select current_streak_days, longest_streak_days, last_activity_date from progflow.user_stats"
                     " where user_id = %s", user)[0]


def repair(game: Game, start=None, end=None, reason="failover of the primary, incident 4711") -> int:
    """repair_streaks over a window; by default the outage of these tests: all of day 2, in UTC."""
    return game.value("select progflow.repair_streaks(%s, %s, %s)", start or day(2), end or day(3), reason)


def test_learners_active_before_and_after_an_outage_keep_their_streak(game):
    ana = game.user("ana", "UTC")          # day 0, day 1, outage, day 3: kept
    cyd = game.user("cyd", "UTC")          # day 1, outage, day 4: did not come back the day after
    dee = game.user("dee", "UTC")          # day 0, outage, day 3: missed day 1 too
    kim = game.user("kim", "Pacific/Kiritimati")  # practised on the outage's first local day: never broken
    hal = game.user("hal", "Pacific/Honolulu")    # day 1 local, outage, back on the outage's last local day
    practise_on(game, day(0, 12), ana, dee, kim)         # 02:00 on day 1 in Kiritimati
    practise_on(game, day(1, 12), ana, cyd, kim)         # 02:00 on day 2 there: the outage began at 14:00
    practise_on(game, day(1, 23), hal)                   # 13:00 on day 1 in Honolulu
    practise_on(game, day(3, 1), kim)                    # 15:00 on day 3 in Kiritimati: the outage ended at 14:00
    practise_on(game, day(3, 12), ana, dee, hal)         # 02:00 on day 3 in Honolulu: its outage ran to 14:00 on day 2
    practise_on(game, day(4, 12), cyd)
    assert [streak(game, u)[0] for u in (ana, cyd, dee, kim, hal)] == [1, 1, 1, 3, 1]

    game.clock.set(day(4, 13))
    assert repair(game) == 2

    assert streak(game, ana) == (4, 4, day(3).date())   # 2 before + the outage's day + day 3
    assert streak(game, hal)[0] == 3                   # day 1 + day 2 (outage, locally) + day 3
    assert [streak(game, u)[0] for u in (cyd, dee, kim)] == [1, 1, 3]
    assert game.rows("select details ->> 'reason', details -> 'current_streak_days' from progflow.audit_log"
                     " where object = 'user_stats' and user_id = %s", ana) == [
        ("failover of the primary, incident 4711", [1, 4])]
    assert game.value("select title from progflow.notifications where user_id = %s and type = 'streak'"
                      " order by created_at desc limit 1", ana) == "4-day streak kept"

    assert repair(game) == 0  # idempotent
    assert streak(game, ana) == (4, 4, day(3).date())
    assert game.value("select count(*) from progflow.audit_log where object = 'user_stats'") == 2

    practise_on(game, day(4, 14), ana)  # the repaired streak goes on, within real time
    assert streak(game, ana)[0] == 5


@pytest.mark.parametrize(("start", "end", "reason"), [
    (None, 1, "x"), (1, None, "x"), (1, 1, "x"), (2, 1, "x"), (1, 3, "x"), (-20, 0, "x"), (0, 1, None), (0, 1, "  "),
    (0, 1, "x" * 501), ("-infinity", 1, "x"), (0, "infinity", "x"),
])
def test_a_window_that_is_not_a_past_outage_is_refused(game, start, end, reason):
    """NULL or infinite ends, an empty window, one not over yet (day 3 at noon on day 2), over 14 days, a bad reason."""
    game.clock.set(day(2, 12))
    start, end = (day(x) if isinstance(x, int) else x for x in (start, end))
    with pytest.raises(psycopg.errors.InvalidParameterValue):
        game.value("select progflow.repair_streaks(%s, %s, %s)", start, end, reason)


def test_only_the_owner_and_trusted_jobs_repair_streaks(game):
    game.clock.set(day(4, 13))
    game.conn.execute("set role progflow_app")
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        repair(game)
    game.conn.execute("reset role")
    game.conn.execute("set role progflow_service")
    assert repair(game) == 0
