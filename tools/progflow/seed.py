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
TABLES = ("learning_tracks", "skills", "achievements", "challenges", "challenge_levels", "assessment_questions")
XP_BASE = {"beginner": 100, "intermediate": 150, "advanced": 200}  # rules: xp_base by difficulty
LEVEL_KINDS = ("1-connectivity", "2-capacity", "3-optimization", "4-resilience", "5-excellence")
LEVEL_FACTORS = (1, 1.5, 2, 2.5, 3)  # xp_reward = xp_base × factor
LEVEL_MINUTES = (15, 20, 25, 30, 35)
LEVEL_MIN_SCORE = (60, 60, 65, 70, 75)  # the pass mark tightens with the level
DDIA = {1: "Reliable, Scalable, Maintainable", 2: "Data Models & Query Languages", 3: "Storage & Retrieval",
        4: "Encoding & Evolution", 5: "Replication", 6: "Partitioning", 7: "Transactions",
        8: "Trouble with Distributed Systems", 9: "Consistency & Consensus", 10: "Batch Processing",
        11: "Stream Processing", 12: "Future of Data Systems"}
FAILURES = {"db_crash": "a database crash", "cache_flush": "cache loss", "network_partition": "a network partition",
            "instance_crash": "an app server crash"}


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

    challenges = []
    for path in sorted((data / "challenges").glob("*.yaml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
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
                            ("availability_pct", (int, float)), ("components", list), ("scenarios", list)):
            check.need(p, c, field, kind)
        if c.get("category") == "general":
            check.problems.append(f"{p.name}: category must be specific, not general")
        if c.get("difficulty") not in XP_BASE:
            check.problems.append(f"{p.name}: difficulty must be beginner, intermediate or advanced")
        if c.get("track") not in track_slugs:
            check.problems.append(f"{p.name}: track {c.get('track')!r} is not a track")
        check.references(p, c, "prerequisites", challenge_slugs)
        unlock = c.get("unlock") or {}
        if set(unlock) - {"min_level", "track_progress"} or any(t not in track_slugs for t in unlock.get("track_progress", {})):
            check.problems.append(f"{p.name}: unlock takes min_level and track_progress {{track slug: percent}} only")
        for key in ("baseline_rps", "peak_rps", "max_test_rps"):
            if not isinstance((c.get("traffic") or {}).get(key), int):
                check.problems.append(f"{p.name}: traffic.{key} should be a whole number")
    check.acyclic(data / "challenges", challenges, "prerequisites")

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


def _test_case(s: dict) -> dict:
    return {"name": s["name"], "kind": s["kind"], "traffic": {"rps": s["rps"], "read_ratio": s.get("read_ratio", 0.5)},
            "duration_s": s.get("duration_s", 10), "failure": s.get("failure"), "pass": s["pass"]}


def _level_tests(c: dict, n: int) -> list[dict]:
    """The test cases of level n: the challenge's scenarios of the level's kind, completed where they are too few."""
    by_kind: dict[str, list[dict]] = {}
    for scenario in c["scenarios"]:
        by_kind.setdefault(scenario["kind"], []).append(scenario)
    t = c["traffic"]
    if n == 1:
        tests = by_kind.get("functional", [])
        if len(tests) < 2:
            tests = [{"name": req, "kind": "functional", "rps": 10, "read_ratio": 0.5,
                      "pass": {"p99_ms": 5000, "max_error_rate": 0}} for req in c["functional_requirements"]]
    elif n == 2:
        tests = by_kind.get("performance", [])
    elif n == 3:
        tests = by_kind.get("scalability", [])
    elif n == 4:
        tests = list(by_kind.get("reliability", []))
        injected = {s["failure"]["type"] for s in tests if s.get("failure")}
        for failure in ("db_crash", "cache_flush", "instance_crash"):
            if len(tests) >= 2:
                break
            if failure not in injected:
                tests.append({"name": FAILURES[failure], "kind": "reliability", "rps": t["baseline_rps"],
                              "read_ratio": t.get("read_ratio", 0.5),
                              "failure": {"type": failure, "at_s": 20, "recover_at_s": 60},
                              "pass": {"max_error_rate": 0.1, "min_availability": 0.95, "max_downtime_s": 10}})
    else:
        tight = int(c["latency_p99_ms"] * 0.8)
        tests = [{"name": "hardest load", "kind": "performance", "rps": t["max_test_rps"],
                  "read_ratio": t.get("read_ratio", 0.5), "pass": {"p99_ms": tight, "max_error_rate": 0.01}},
                 {"name": "database crash at peak", "kind": "reliability", "rps": t["peak_rps"],
                  "read_ratio": t.get("read_ratio", 0.5), "failure": {"type": "db_crash", "at_s": 30, "recover_at_s": 90},
                  "pass": {"max_error_rate": 0.05, "min_availability": 0.99, "max_downtime_s": 5}}]
        if c.get("monthly_budget_usd"):
            tests.append({"name": "monthly cost", "kind": "cost", "rps": t["baseline_rps"],
                          "read_ratio": t.get("read_ratio", 0.5), "pass": {"max_monthly_usd": c["monthly_budget_usd"]}})
    return [_test_case(s) for s in tests]


def levels(seed_dir: Path, env: jinja2.Environment, c: dict) -> list[dict]:
    """The five levels of a challenge, each rendered by its level kind's template from the challenge's facts."""
    product = re.split(r" [-–] ", c["title"])[0]
    result = []
    for n, kind in enumerate(LEVEL_KINDS, start=1):
        tests = _level_tests(c, n)
        text = env.get_template(f"levels/{kind}.yaml.j2").render(
            c=c, product=product, tests=tests, min_score=LEVEL_MIN_SCORE[n - 1],
            read_pct=round(c["traffic"].get("read_ratio", 0.5) * 100), tight_p99=int(c["latency_p99_ms"] * 0.8),
            failures=sorted({FAILURES.get((t["failure"] or {}).get("type"), "a failure") for t in tests if t["failure"]}))
        try:
            level = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise SeedError(f"levels/{kind}.yaml.j2 rendered invalid YAML for {c['slug']}: {exc}") from exc
        level.update(level_number=n, xp_reward=int(XP_BASE[c["difficulty"]] * LEVEL_FACTORS[n - 1]),
                     estimated_minutes=LEVEL_MINUTES[n - 1])
        if len(level["test_cases"]) < 2 or len(level["hints"]) < 2:
            raise SeedError(f"level {n} of {c['slug']} has fewer than 2 test cases or hints",
                            hint="Add scenarios of that kind to the challenge's data file.")
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
                       levels=levels(seed_dir, env, c))
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
