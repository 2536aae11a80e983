"""One transaction acting for one user, with a typed method per engine call.

A `Session` is what `Client.transaction` yields and what `Client.run` hands to its function. Its
methods call the engine by named arguments (`p_user_id => …`), so they do not depend on the
order of a function's parameters, and pass the session's user where a call takes one. An error
raises the named exception of its SQLSTATE (`progflow.client.errors`) and leaves the transaction
aborted: let it propagate, and the transaction rolls back.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal, TypeVar
from uuid import UUID

import psycopg
from psycopg.rows import class_row
from psycopg.types.json import Jsonb

from progflow.client import results as r
from progflow.client.errors import translate

T = TypeVar("T")
Period = Literal["daily", "weekly", "monthly", "all_time"]
Metric = Literal["xp", "challenges", "streak"]


class Session:
    """The calls of one transaction; `user_id` is its acting user (None: none set)."""

    def __init__(self, conn: psycopg.Connection, user_id: UUID | None):
        self.conn = conn
        self.user_id = user_id

    # -- plumbing ------------------------------------------------------------------------------

    def _rows(self, kind: type[T], sql: str, args: dict[str, Any]) -> list[T]:
        try:
            with self.conn.cursor(row_factory=class_row(kind)) as cur:
                return cur.execute(f"select {r.columns(kind)} from {sql}", args).fetchall()
        except psycopg.Error as exc:
            raise translate(exc) from exc

    def _one(self, kind: type[T], sql: str, args: dict[str, Any]) -> T | None:
        rows = self._rows(kind, sql, args)
        return rows[0] if rows else None

    def _single(self, kind: type[T], sql: str, args: dict[str, Any]) -> T:
        """The row of a call that returns one row or raises."""
        row = self._one(kind, sql, args)
        if row is None:
            raise AssertionError(f"{sql.split('(', 1)[0].strip()} returned no row")
        return row

    def _value(self, sql: str, args: dict[str, Any]) -> Any:
        try:
            row = self.conn.execute(f"select {sql}", args).fetchone()
        except psycopg.Error as exc:
            raise translate(exc) from exc
        return row[0] if row else None

    def _column(self, sql: str, args: dict[str, Any]) -> list[Any]:
        try:
            return [row[0] for row in self.conn.execute(f"select * from {sql}", args)]
        except psycopg.Error as exc:
            raise translate(exc) from exc

    def _me(self, **args: Any) -> dict[str, Any]:
        return {"user": self.user_id, **args}

    # -- playing -------------------------------------------------------------------------------

    def submit_level_attempt(self, challenge_id: UUID, level_number: int, design_snapshot: dict[str, Any],
                             test_results: list[Any], score: Decimal | float | int,
                             time_spent_minutes: int | None = None,
                             idempotency_key: str | None = None) -> r.Submission:
        """Record an attempt and all it earns. With an idempotency key, a retry returns the first result."""
        return self._single(r.Submission, """progflow.submit_level_attempt(
            p_user_id => %(user)s, p_challenge_id => %(challenge)s, p_level_number => %(level)s,
            p_design_snapshot => %(design)s, p_test_results => %(tests)s, p_score => %(score)s,
            p_time_spent_minutes => %(minutes)s, p_idempotency_key => %(key)s)""",
                            self._me(challenge=challenge_id, level=level_number, design=Jsonb(design_snapshot),
                                     tests=Jsonb(test_results), score=score, minutes=time_spent_minutes,
                                     key=idempotency_key))

    def use_hint(self, challenge_id: UUID, level_number: int) -> r.Hint:
        """Reveal the level's next hint (it costs XP of the first pass)."""
        return self._single(r.Hint, "progflow.use_hint(p_user_id => %(user)s, p_challenge_id => %(challenge)s, "
                                    "p_level_number => %(level)s)", self._me(challenge=challenge_id, level=level_number))

    def revealed_hints(self, challenge_id: UUID, level_number: int) -> list[r.RevealedHint]:
        """The hints of a level the user revealed, to show again; records nothing."""
        return self._rows(r.RevealedHint, "progflow.revealed_hints(p_user_id => %(user)s, "
                          "p_challenge_id => %(challenge)s, p_level_number => %(level)s)",
                          self._me(challenge=challenge_id, level=level_number))

    def level_solution(self, challenge_id: UUID, level_number: int) -> r.LevelSolution:
        """The level's solution (before completion, every hint not yet used is recorded as used)."""
        return self._single(r.LevelSolution, "progflow.level_solution(p_user_id => %(user)s, "
                            "p_challenge_id => %(challenge)s, p_level_number => %(level)s)",
                            self._me(challenge=challenge_id, level=level_number))

    def submit_daily_challenge_attempt(self, date: dt.date, score: Decimal | float | int) -> int:
        """The day's daily challenge, once; returns the XP earned."""
        return self._value("progflow.submit_daily_challenge_attempt(p_user_id => %(user)s, p_date => %(date)s, "
                           "p_score => %(score)s)", self._me(date=date, score=score))

    def check_and_unlock_challenges(self) -> list[UUID]:
        """Unlock what the user's progress opens (the engine calls it for you after completions)."""
        return self._column("progflow.check_and_unlock_challenges(p_user_id => %(user)s)", self._me())

    def evaluate_achievements(self) -> list[str]:
        """Unlock the achievements the user now meets (called for you after attempts); their slugs."""
        return self._column("progflow.evaluate_achievements(p_user_id => %(user)s)", self._me())

    def award_xp(self, amount: int, source_type: str, source_id: str | None = None,
                 description: str | None = None) -> UUID:
        """progflow_service only: an XP ledger row (negative: a correction); its id."""
        return self._value("progflow.award_xp(p_user_id => %(user)s, p_amount => %(amount)s, "
                           "p_source_type => %(source_type)s, p_source_id => %(source_id)s, "
                           "p_description => %(description)s)",
                           self._me(amount=amount, source_type=source_type, source_id=source_id,
                                    description=description))

    def skill_points_available(self) -> int:
        return self._value("progflow.skill_points_available(p_user_id => %(user)s)", self._me())

    def allocate_skill_point(self, skill_id: UUID) -> int:
        """Spend a skill point; returns the skill's new level."""
        return self._value("progflow.allocate_skill_point(p_user_id => %(user)s, p_skill_id => %(skill)s)",
                           self._me(skill=skill_id))

    def start_learning_session(self, session_type: str, resource_id: str | None = None) -> UUID:
        return self._value("progflow.start_learning_session(p_user_id => %(user)s, "
                           "p_session_type => %(kind)s, p_resource_id => %(resource)s)",
                           self._me(kind=session_type, resource=resource_id))

    def end_learning_session(self, session_id: UUID, completed: bool = True) -> int:
        """End a learning session; returns its minutes."""
        return self._value("progflow.end_learning_session(p_session_id => %(session)s, "
                           "p_completed => %(completed)s)", {"session": session_id, "completed": completed})

    def assessment_questions_for(self, assessment_type: str = "initial") -> list[dict[str, Any]]:
        """The active questions of an assessment, without their answers."""
        return self._value("progflow.assessment_questions_for(p_assessment_type => %(kind)s)",
                           {"kind": assessment_type})

    def record_assessment(self, assessment_type: str, questions: list[Any], responses: list[int | None]) -> UUID:
        """Score an assessment against the stored answers; sets the skill level. Its id."""
        return self._value("progflow.record_assessment(p_user_id => %(user)s, p_assessment_type => %(kind)s, "
                           "p_questions => %(questions)s, p_responses => %(responses)s)",
                           self._me(kind=assessment_type, questions=Jsonb(questions), responses=Jsonb(responses)))

    # -- notifications -------------------------------------------------------------------------

    def notifications_page(self, limit: int = 20, before: r.Notification | None = None) -> list[r.Notification]:
        """A page of notifications, newest first; pass the last one of a page to get the next."""
        return self._rows(r.Notification, "progflow.notifications_page(p_user_id => %(user)s, p_limit => %(limit)s, "
                          "p_before_created_at => %(created_at)s, p_before_id => %(id)s)",
                          self._me(limit=limit, created_at=before.created_at if before else None,
                                   id=before.id if before else None))

    def unread_notifications(self) -> int:
        return self._value("progflow.unread_notifications(p_user_id => %(user)s)", self._me())

    def mark_notifications_read(self, ids: list[UUID] | None = None) -> int:
        """Mark these (all unread when None) read; returns how many changed."""
        return self._value("progflow.mark_notifications_read(p_user_id => %(user)s, p_ids => %(ids)s)",
                           self._me(ids=ids))

    # -- reading -------------------------------------------------------------------------------

    def dashboard(self) -> r.Dashboard | None:
        """The acting user's dashboard (None when they cannot see it: no such user, or none acting)."""
        return self._one(r.Dashboard, "progflow.user_dashboard where id = %(user)s", self._me())

    def dashboard_version(self) -> str | None:
        """The dashboard's version alone: two primary-key reads. A cached dashboard of another version is stale."""
        return self._value("(select d.version from progflow.user_dashboard d where d.id = %(user)s)", self._me())

    def user_challenge_status(self) -> list[r.ChallengeStatus]:
        return self._rows(r.ChallengeStatus, "progflow.user_challenge_status(p_user_id => %(user)s)", self._me())

    def recommend_challenges(self, limit: int = 5) -> list[r.Recommendation]:
        return self._rows(r.Recommendation, "progflow.recommend_challenges(p_user_id => %(user)s, "
                          "p_limit => %(limit)s)", self._me(limit=limit))

    def calculate_user_streak(self, as_of: dt.date | None = None) -> int:
        return self._value("progflow.calculate_user_streak(p_user_id => %(user)s, p_as_of => %(as_of)s)",
                           self._me(as_of=as_of))

    def leaderboard_around(self, period: Period, metric: Metric = "xp", period_date: dt.date | None = None,
                           size: int = 5) -> list[r.BoardEntry]:
        """The user's entry on a stored board and `size` entries above and below it (empty: not ranked)."""
        return self._rows(r.BoardEntry, "progflow.leaderboard_around(p_user_id => %(user)s, "
                          "p_period => %(period)s::progflow.leaderboard_period, p_metric => %(metric)s, "
                          "p_period_date => %(date)s, p_size => %(size)s)",
                          self._me(period=period, metric=metric, date=period_date, size=size))

    def leaderboard(self, period: Period, metric: Metric = "xp", period_date: dt.date | None = None,
                    limit: int = 100) -> list[r.LeaderboardRow]:
        """The top of a stored board, by rank (period_date None for all_time); one index range read."""
        date_test = "e.period_date is null" if period_date is None else "e.period_date = %(date)s"
        return self._rows(r.LeaderboardRow, f"""progflow.leaderboard_page e
             where e.period_type = %(period)s::progflow.leaderboard_period and {date_test}
               and e.metric_type = %(metric)s
             order by e.rank limit %(limit)s""",
                          {"period": period, "date": period_date, "metric": metric, "limit": limit})

    def public_profile(self, profile_id: UUID) -> r.PublicProfile:
        """Another learner's public profile; NotFound when there is none or it is private to the caller."""
        return self._single(r.PublicProfile, "progflow.public_profile(p_profile_id => %(profile)s)",
                            {"profile": profile_id})

    # -- signing in (progflow_service) ---------------------------------------------------------

    def user_id_by_login(self, login: str) -> UUID | None:
        """The user an email or a username names, case-insensitively; None when nobody."""
        return self._value("progflow.user_id_by_login(p_login => %(login)s)", {"login": login})
