"""The course catalogue: data files in seed/data, rendered by jinja2 into idempotent upserts.

Every row is keyed by its slug, and its id is derived from the slug (UUID version 5), so ids never
change and are the same in every database. References written as slugs in the data (track,
prerequisites, parent skill) are stored as those ids. A second run changes nothing: an upsert
only updates a row whose values differ. An entry removed from the data is deactivated
(is_active = false), never deleted, so no user's progress is lost.

A challenge's five levels are written in its data file; a level's template only puts them into
columns, with the numbers derived from the facts (`content.targets`). `content` holds the rules a
challenge's text and tests must keep (docs/catalogue.md).
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

from . import content
from .errors import ProgflowError

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://progflow.invalid/catalogue")
SLUG = re.compile(r"^[a-z0-9]+([_-][a-z0-9]+)*$")
CRITERIA_TYPES = {
    "levels_completed", "challenges_completed", "perfect_scores", "streak_days", "total_xp", "player_level",
    "track_completed", "fast_completions", "no_hint_challenges", "daily_challenges", "completed_before_hour",
    "completed_after_hour",
}
TABLES = ("learning_tracks", "skills", "achievements", "challenges", "challenge_levels", "assessment_questions")
XP_BASE = {"beginner": 100, "intermediate": 150, "advanced": 200}  # rules: xp_base by difficulty
LEVEL_KINDS = ("1-connectivity", "2-capacity", "3-optimization", "4-resilience", "5-excellence")
LEVEL_FACTORS = (1, 1.5, 2, 2.5, 3)  # xp_reward = xp_base × factor
LEVEL_MINUTES = (15, 20, 25, 30, 35)
DDIA = {1: "Reliable, Scalable, Maintainable", 2: "Data Models & Query Languages", 3: "Storage & Retrieval",
        4: "Encoding & Evolution", 5: "Replication", 6: "Partitioning", 7: "Transactions",
        8: "Trouble with Distributed Systems", 9: "Consistency & Consensus", 10: "Batch Processing",
        11: "Stream Processing", 12: "Future of Data Systems"}


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
    challenges: list[dict]
    questions: list[dict]


def _yaml(text: str):
    """YAML, parsed by libyaml where PyYAML has it (five times faster: the catalogue is 10,000 lines)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _read(path: Path) -> list[dict]:
    try:
        data = _yaml(path.read_text(encoding="utf-8"))
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
            if not isinstance(ref, str):
                self.problems.append(f"{path.name}: {entry.get('slug')}: {field} holds {ref!r}, which is not a slug")
                continue
            if ref not in known:
                self.problems.append(f"{path.name}: {entry.get('slug')}: {field} names {ref!r}, which is not in {path.name}")
            if ref == entry.get("slug"):
                self.problems.append(f"{path.name}: {entry.get('slug')}: {field} names the entry itself")

    def acyclic(self, path: Path, entries: list[dict], field: str) -> None:
        graph = {e["slug"]: [r for r in e.get(field) or [] if isinstance(r, str)] if isinstance(e.get(field), list) else []
                 for e in entries if isinstance(e.get("slug"), str)}
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

    challenges = []
    for path in sorted((data / "challenges").glob("*.yaml")):
        try:
            loaded = _yaml(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            check.problems.append(f"{path.name}: not valid YAML: {' '.join(str(exc).split())}")
            continue
        if not isinstance(loaded, dict):
            check.problems.append(f"{path.name}: expected one challenge (a mapping)")
            continue
        loaded["_path"] = path
        challenges.append(loaded)
    challenge_slugs = check.slugs(data / "challenges", challenges)
    for c in challenges:
        p = c["_path"]
        if c.get("slug") and p.stem != c["slug"]:
            check.problems.append(f"{p.name}: the file should be named after its slug ({c['slug']}.yaml)")
        for field, kind in (("title", str), ("description", str), ("category", str), ("order_in_track", int),
                            ("functional_requirements", list), ("traffic", dict), ("latency_p99_ms", int),
                            ("availability_pct", (int, float)), ("components", list), ("entities", list), ("levels", list)):
            check.need(p, c, field, kind)
        for field in ("functional_requirements", "components", "tags"):
            items = c.get(field) or []
            if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
                check.problems.append(f"{p.name}: {field} should be a list of text")
        chapters = c.get("ddia_chapters") or []
        if not isinstance(chapters, list) or not all(isinstance(n, int) and n in DDIA for n in chapters):
            check.problems.append(f"{p.name}: ddia_chapters should list chapter numbers from 1 to 12")
        if c.get("category") == "general":
            check.problems.append(f"{p.name}: category must be specific, not general")
        if not isinstance(c.get("difficulty"), str) or c["difficulty"] not in XP_BASE:
            check.problems.append(f"{p.name}: difficulty must be beginner, intermediate or advanced")
        if not isinstance(c.get("track"), str) or c["track"] not in track_slugs:
            check.problems.append(f"{p.name}: track {c.get('track')!r} is not a track")
        check.references(p, c, "prerequisites", challenge_slugs)
        unlock = c.get("unlock") or {}
        progress = unlock.get("track_progress", {}) if isinstance(unlock, dict) else None
        if not isinstance(progress, dict) or set(unlock) - {"min_level", "track_progress"} \
                or any(t not in track_slugs for t in progress):
            check.problems.append(f"{p.name}: unlock takes min_level and track_progress {{track slug: percent}} only")
        for key in ("baseline_rps", "peak_rps", "max_test_rps"):
            if not isinstance(c.get("traffic"), dict) or not isinstance(c["traffic"].get(key), int):
                check.problems.append(f"{p.name}: traffic.{key} should be a whole number")
    check.acyclic(data / "challenges", challenges, "prerequisites")
    check.problems += content.problems(challenges)

    questions = _read(data / "assessment.yaml")
    check.slugs(data / "assessment.yaml", questions)
    for q in questions:
        p = data / "assessment.yaml"
        for field, kind in (("position", int), ("topic", str), ("question", str), ("options", list), ("answer", int)):
            check.need(p, q, field, kind)
        if q.get("difficulty") not in XP_BASE:
            check.problems.append(f"assessment.yaml: {q.get('slug')}: difficulty must be beginner, intermediate or advanced")
        if isinstance(q.get("options"), list) and isinstance(q.get("answer"), int) \
                and not (2 <= len(q["options"]) <= 6 and 0 <= q["answer"] < len(q["options"])):
            check.problems.append(f"assessment.yaml: {q.get('slug')}: 2 to 6 options, and an answer among them")

    if check.problems:
        raise SeedError(f"the catalogue has {len(check.problems)} problem(s):\n  " + "\n  ".join(check.problems),
                        hint="Fix the data files under seed/data, then run `progflow seed --check` again.")
    return Catalogue(tracks, skills, achievements, challenges, questions)


def _literal(value) -> str:
    """A SQL literal: JSON for lists and dicts, plain literals otherwise."""
    if isinstance(value, (list, dict)):
        return sql.Literal(json.dumps(value, ensure_ascii=False, sort_keys=True)).as_string() + "::jsonb"
    return sql.Literal(value).as_string()


def _test_case(t: dict) -> dict:
    return {"name": t["name"], "kind": t["kind"], "traffic": {"rps": t["rps"], "read_ratio": t["read_ratio"]},
            "duration_s": t["duration_s"], "failure": t.get("failure"), "pass": t["pass"]}


def levels(env: jinja2.Environment, c: dict) -> list[dict]:
    """The five levels of a challenge: each written in its data file, put into columns by its kind's template."""
    result = []
    for n, (kind, written) in enumerate(zip(LEVEL_KINDS, c["levels"]), start=1):
        text = env.get_template(f"levels/{kind}.yaml.j2").render(
            c=c, l=written, tests=[_test_case(t) for t in written["tests"]], criteria=content.targets(c, n))
        try:
            level = _yaml(text)
        except yaml.YAMLError as exc:
            raise SeedError(f"levels/{kind}.yaml.j2 rendered invalid YAML for {c['slug']}: {exc}") from exc
        level.update(level_number=n, name=content.LEVEL_NAMES[n - 1], xp_reward=int(XP_BASE[c["difficulty"]] * LEVEL_FACTORS[n - 1]),
                     estimated_minutes=LEVEL_MINUTES[n - 1])
        result.append(level)
    return result


def render(seed_dir: Path, catalogue: Catalogue) -> str:
    """The catalogue as one psql-runnable SQL script of idempotent upserts."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(seed_dir / "templates")),
                             undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    env.filters["lit"] = _literal
    env.filters["ids"] = lambda slugs, kind: [row_id(kind, s) for s in slugs or []]
    env.globals["row_id"] = row_id
    challenges = [dict(c, xp_base=XP_BASE[c["difficulty"]], estimated_minutes=sum(LEVEL_MINUTES),
                       ddia_concepts=[{"chapter": n, "title": DDIA[n]} for n in c.get("ddia_chapters") or []],
                       metadata={"unlock": c["unlock"]} if c.get("unlock") else {},
                       levels=levels(env, c))
                  for c in sorted(catalogue.challenges, key=lambda c: (c["track"], c["order_in_track"]))]
    return env.get_template("catalogue.sql.j2").render(
        tracks=catalogue.tracks, skills=_parents_first(catalogue.skills), achievements=catalogue.achievements,
        challenges=challenges, questions=catalogue.questions)


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


def load_and_apply(conn: psycopg.Connection, seed_dir: Path) -> dict[str, dict[str, int]]:
    """Validate, render and load the catalogue of `seed_dir` in one transaction."""
    return apply(conn, render(seed_dir, load(seed_dir)))
