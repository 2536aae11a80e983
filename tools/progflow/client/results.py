"""What the engine's calls return, as typed rows: one frozen dataclass per result shape.

Field names are the SQL column names, so `docs/engine.md` and `\\df+ progflow.*` describe them.
The client selects exactly these columns: a column added to a function or view later does not
break a backend built on an older client.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any
from uuid import UUID


def columns(cls: type) -> str:
    """The SQL select list of a result type: its field names, in order."""
    return ", ".join(field.name for field in fields(cls))


@dataclass(frozen=True, slots=True)
class Submission:
    """`submit_level_attempt`: what one attempt did."""

    attempt_id: UUID
    attempt_number: int
    passed: bool
    xp_earned: int
    level_completed: bool
    challenge_completed: bool
    newly_unlocked: list[UUID]
    achievements_unlocked: list[str]


@dataclass(frozen=True, slots=True)
class Hint:
    """`use_hint`: the hint revealed and what it cost."""

    hint_number: int
    hint: str
    xp_penalty: int


@dataclass(frozen=True, slots=True)
class RevealedHint:
    """`revealed_hints`: a hint the user revealed before."""

    hint_number: int
    hint: str


@dataclass(frozen=True, slots=True)
class LevelSolution:
    """`level_solution`: the solution and the hints it recorded as used."""

    solution_approach: str | None
    hints_recorded: int


@dataclass(frozen=True, slots=True)
class Notification:
    """`notifications_page`: one notification. Its `created_at` and `id` are the next page's cursor."""

    id: UUID
    type: str
    title: str
    message: str | None
    action_url: str | None
    is_read: bool
    created_at: dt.datetime


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """`leaderboard_page`: an entry of a stored board, as a page of it shows."""

    rank: int
    metric_value: int
    user_id: UUID
    username: str
    display_name: str | None
    avatar_url: str | None
    current_level: int
    rank_title: str


@dataclass(frozen=True, slots=True)
class BoardEntry(LeaderboardRow):
    """`leaderboard_around`: an entry of a stored board; `is_me` on the acting user's own."""

    is_me: bool


@dataclass(frozen=True, slots=True)
class PublicProfile:
    """`public_profile`: what one learner may see of another."""

    user_id: UUID
    username: str
    display_name: str | None
    avatar_url: str | None
    current_level: int
    rank_title: str
    total_xp: int
    current_streak_days: int
    challenges_completed: int
    achievements: list[dict[str, Any]]
    member_since: dt.datetime


@dataclass(frozen=True, slots=True)
class Recommendation:
    """`recommend_challenges`: a challenge to do next."""

    challenge_id: UUID
    slug: str
    title: str
    difficulty_base: str
    xp_base: int
    estimated_minutes: int | None
    track_slug: str | None
    order_in_track: int | None


@dataclass(frozen=True, slots=True)
class ChallengeStatus:
    """`user_challenge_status`: a challenge of the list, with the user's state of each level."""

    challenge_id: UUID
    slug: str
    title: str
    category: str
    track_slug: str | None
    order_in_track: int | None
    difficulty_base: str
    status: str
    current_level: int | None
    levels_completed: list[int]
    best_score: Decimal | None
    levels: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Dashboard:
    """`user_dashboard`: everything a dashboard shows, and the `version` that changes with any of it."""

    id: UUID
    username: str
    display_name: str | None
    avatar_url: str | None
    skill_level: str | None
    total_xp: int
    current_level: int
    rank_title: str
    next_level_xp: int | None
    current_streak_days: int
    longest_streak_days: int
    rank_percentile: Decimal | None
    achievements_count: int
    challenges_completed: int
    levels_completed: int
    track_progress: dict[str, Any]
    unread_notifications: int
    skill_points_available: int
    version: str
