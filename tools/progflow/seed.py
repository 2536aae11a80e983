"""The course catalogue: data files in seed/data, rendered by jinja2 into idempotent upserts.

Every row is keyed by its slug, and its id is derived from the slug (UUID version 5), so ids never
change and are the same in every database. References written as slugs in the data (track,
prerequisites, parent skill) are stored as those ids. A second run changes nothing: an upsert
only updates a row whose values differ. An entry removed from the data is deactivated
(is_active = false), never deleted, so no user's progress is lost.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import jinja2
import psycopg
import yaml
from psycopg import sql

from .errors import ProgflowError

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://progflow.invalid/catalogue")
SLUG = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")
CRITERIA_TYPES = {
    "levels_completed", "challenges_completed", "perfect_scores", "streak_days", "total_xp", "player_level",
    "track_completed", "fast_completions", "no_hint_challenges", "daily_challenges", "completed_before_hour",
    "completed_after_hour",
}
TABLES = ("learning_tracks", "skills", "achievements")


class SeedError(ProgflowError):
    """The catalogue's data files are not valid."""


def row_id(kind: str, slug: str) -> str:
    """The stable id of a catalogue row."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{slug}"))


@dataclass
class Catalogue:
    tracks: list[dict]
    skills: list[dict]
    achievements: list[dict]


def _read(path: Path) -> list[dict]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SeedError(f"cannot read {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise SeedError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise SeedError(f"{path}: expected a list of entries")
    return data


class _Checker:
    """Collects every problem of the data files, each naming the file, the entry and the field."""

    def __init__(self):
        self.problems: list[str] = []

    def need(self, path: Path, entry: dict, field: str, kind: type | tuple, *, optional: bool = False):
        value = entry.get(field)
        where = f"{path.name}: {entry.get('slug', '?')}: {field}"
        if value is None:
            if not optional:
                self.problems.append(f"{where} is missing")
            return None
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,))):
            self.problems.append(f"{where} should be {getattr(kind, '__name__', kind)}, not {type(value).__name__}")
            return None
        return value

    def slugs(self, path: Path, entries: list[dict]) -> set[str]:
        seen: set[str] = set()
        for entry in entries:
            slug = self.need(path, entry, "slug", str)
            if slug is None:
                continue
            if not SLUG.match(slug):
                self.problems.append(f"{path.name}: {slug!r} is not a slug (lowercase letters, digits, - or _)")
            if slug in seen:
                self.problems.append(f"{path.name}: slug {slug} appears twice")
            seen.add(slug)
        return seen

    def references(self, path: Path, entry: dict, field: str, known: set[str]) -> None:
        values = entry.get(field) or []
        if not isinstance(values, list):
            self.problems.append(f"{path.name}: {entry.get('slug')}: {field} should be a list of slugs")
            return
        for ref in values:
            if ref not in known:
                self.problems.append(f"{path.name}: {entry.get('slug')}: {field} names {ref!r}, which is not in {path.name}")
            if ref == entry.get("slug"):
                self.problems.append(f"{path.name}: {entry.get('slug')}: {field} names the entry itself")

    def acyclic(self, path: Path, entries: list[dict], field: str) -> None:
        graph = {e.get("slug"): list(e.get(field) or []) for e in entries}
        state: dict[str, int] = {}

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for nxt in graph.get(node, []):
                if state.get(nxt) == 1:
                    self.problems.append(f"{path.name}: {field} form a cycle: {' -> '.join(trail + [node, nxt])}")
                elif nxt in graph and state.get(nxt) is None:
                    visit(nxt, trail + [node])
            state[node] = 2

        for node in graph:
            if state.get(node) is None:
                visit(node, [])


def load(seed_dir: Path) -> Catalogue:
    """Read and validate the data files; SeedError lists every problem found."""
    data = seed_dir / "data"
    check = _Checker()
    tracks, skills, achievements = (_read(data / name) for name in ("tracks.yaml", "skills.yaml", "achievements.yaml"))

    track_slugs = check.slugs(data / "tracks.yaml", tracks)
    for t in tracks:
        p = data / "tracks.yaml"
        check.need(p, t, "title", str)
        check.need(p, t, "description", str)
        if check.need(p, t, "difficulty_level", str) not in (None, "fundamentals", "concepts", "systems"):
            check.problems.append(f"tracks.yaml: {t['slug']}: difficulty_level must be fundamentals, concepts or systems")
        check.need(p, t, "estimated_hours", int)
        check.need(p, t, "order_index", int)
        check.need(p, t, "metadata", dict, optional=True)
        check.references(p, t, "prerequisites", track_slugs)
    check.acyclic(data / "tracks.yaml", tracks, "prerequisites")

    skill_slugs = check.slugs(data / "skills.yaml", skills)
    for s in skills:
        p = data / "skills.yaml"
        check.need(p, s, "name", str)
        check.need(p, s, "category", str)
        if (check.need(p, s, "max_level", int) or 1) < 1:
            check.problems.append(f"skills.yaml: {s['slug']}: max_level must be at least 1")
        check.need(p, s, "xp_per_level", int)
        parent = s.get("parent")
        if parent is not None and parent not in skill_slugs:
            check.problems.append(f"skills.yaml: {s['slug']}: parent {parent!r} is not a skill")
        check.references(p, s, "prerequisites", skill_slugs)
    check.acyclic(data / "skills.yaml", skills, "prerequisites")

    check.slugs(data / "achievements.yaml", achievements)
    for a in achievements:
        p = data / "achievements.yaml"
        check.need(p, a, "name", str)
        check.need(p, a, "description", str)
        check.need(p, a, "category", str)
        if check.need(p, a, "rarity", str) not in (None, "common", "rare", "epic", "legendary"):
            check.problems.append(f"achievements.yaml: {a['slug']}: rarity must be common, rare, epic or legendary")
        if (check.need(p, a, "xp_reward", int) or 0) < 0:
            check.problems.append(f"achievements.yaml: {a['slug']}: xp_reward must not be negative")
        criteria = check.need(p, a, "criteria", dict)
        if criteria is not None:
            if criteria.get("type") not in CRITERIA_TYPES:
                check.problems.append(f"achievements.yaml: {a['slug']}: criteria type {criteria.get('type')!r} "
                                      "is not one the engine evaluates")
            if not isinstance(criteria.get("count"), int) or criteria["count"] < 1:
                check.problems.append(f"achievements.yaml: {a['slug']}: criteria count must be a whole number ≥ 1")
            if criteria.get("type") == "track_completed" and criteria.get("track") not in track_slugs:
                check.problems.append(f"achievements.yaml: {a['slug']}: criteria track {criteria.get('track')!r} is not a track")
            if criteria.get("type", "").endswith("_hour") and criteria.get("hour") not in range(0, 24):
                check.problems.append(f"achievements.yaml: {a['slug']}: criteria hour must be 0 to 23")

    if check.problems:
        raise SeedError(f"the catalogue has {len(check.problems)} problem(s):\n  " + "\n  ".join(check.problems),
                        hint="Fix the data files under seed/data, then run `progflow seed --check` again.")
    return Catalogue(tracks, skills, achievements)


def _literal(value) -> str:
    """A SQL literal: JSON for lists and dicts, plain literals otherwise."""
    if isinstance(value, (list, dict)):
        return sql.Literal(json.dumps(value, ensure_ascii=False, sort_keys=True)).as_string() + "::jsonb"
    return sql.Literal(value).as_string()


def render(seed_dir: Path, catalogue: Catalogue) -> str:
    """The catalogue as one psql-runnable SQL script of idempotent upserts."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(seed_dir / "templates")),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["lit"] = _literal
    env.filters["ids"] = lambda slugs, kind: [row_id(kind, s) for s in slugs or []]
    env.globals["row_id"] = row_id
    return env.get_template("catalogue.sql.j2").render(
        tracks=catalogue.tracks, skills=_parents_first(catalogue.skills), achievements=catalogue.achievements)


def _parents_first(skills: list[dict]) -> list[dict]:
    """Skills ordered so that every parent comes before its children (data order otherwise kept)."""
    placed: list[dict] = []
    done: set[str] = set()
    pending = list(skills)
    while pending:
        ready = [s for s in pending if not s.get("parent") or s["parent"] in done]
        if not ready:  # a parent cycle; load() reports it, keep the data order
            return placed + pending
        for s in ready:
            placed.append(s)
            done.add(s["slug"])
        pending = [s for s in pending if s["slug"] not in done]
    return placed


def apply(conn: psycopg.Connection, script: str) -> dict[str, dict[str, int]]:
    """Run the script in one transaction; return the rows inserted and updated per table."""
    counts = """
        select relname::text, n_tup_ins, n_tup_upd from pg_stat_xact_user_tables
         where schemaname = 'progflow' and relname = any(%s)"""
    with conn.transaction():
        conn.execute("set local stats_fetch_consistency = none")
        before = {r[0]: r[1:] for r in conn.execute(counts, (list(TABLES),))}
        conn.execute(script)
        after = {r[0]: r[1:] for r in conn.execute(counts, (list(TABLES),))}
    return {t: {"inserted": after.get(t, (0, 0))[0] - before.get(t, (0, 0))[0],
                "updated": after.get(t, (0, 0))[1] - before.get(t, (0, 0))[1]} for t in TABLES}
