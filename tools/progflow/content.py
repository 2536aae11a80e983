"""The course's content rules: what a challenge's facts and five levels must hold (docs/catalogue.md).

`seed.load` checks the shape of the data files; this module checks that the course reads true: numbers
that agree with the text, levels that need what their kind needs, tests a simulator could run, text
written for each system rather than shared between them, hints that do not give the answer away.
Each problem names the file, the level and the field.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict

LEVEL_NAMES = ("Connectivity", "Capacity", "Optimization", "Resilience", "Excellence")
OWN_FIELD = ("core_path", "capacity", "optimizations", "failure_modes", "criteria")
NEEDED_TESTS = ({"functional": 2}, {"performance": 2}, {"scalability": 2}, {"reliability": 2},
                {"performance": 1, "reliability": 1})
TEST_KINDS = {"functional", "performance", "scalability", "reliability", "cost"}
TECHNIQUES = {"cache", "index", "precompute", "cdn", "replicate", "partition", "queue", "batch", "compress", "denormalize"}
AREAS = {"cost", "multi_region", "observability", "security", "compliance", "efficiency", "operability"}
FAILURES = {  # what the simulator injects; False: over at once (nothing to give back)
    "db_crash": True, "replica_lag": True, "cache_flush": False, "cache_node_crash": True, "instance_crash": True,
    "zone_outage": True, "region_outage": True, "network_partition": True, "queue_broker_crash": True,
    "storage_node_loss": True, "cdn_outage": True, "dependency_slowdown": True, "connection_drop": False,
    "clock_skew": True, "traffic_surge": True,
}
TRACK_RPS = {"fundamentals": (100, 10_000), "concepts": (1_000, 100_000), "systems": (5_000, 10_000_000)}
STEADY_S = 10  # seconds of steady state before a failure, and of recovery measured after it
MAX_PER_REQUEST = 10_000  # items one request may carry (a batch of metric points, say)
SHARED_RUN = 6  # a hint sharing this many words in a row with the solution approach gives it away
VOCABULARY = {"kind", "type", "technique", "area", "side"}  # values from a fixed list, not text

_MAGNITUDE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "billion": 1e9, "t": 1e12, "trillion": 1e12}
_UNIT_S = {"second": 1, "sec": 1, "s": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600, "h": 3600, "day": 86400}
_PER = {"per_s": 1, "per_minute": 60, "per_hour": 3600, "per_day": 86400}
_RATE = re.compile(
    r"(?<![\w$.,/])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion|(?-i:[KMBT])\b|(?-i:[KMBT])(?=[a-z ]))?"
    r"\s*((?:[a-z][\w'-]*\s*){0,4}?)(?:per\s+|an?\s+|each\s+|every\s+|/\s*)(second|sec|s|minute|min|hour|hr|h|day)\b",
    re.IGNORECASE)
_NOT_COUNTS = {"b", "kb", "mb", "gb", "tb", "pb", "eb", "byte", "bytes", "kib", "mib", "gib", "tib", "kbps", "mbps",
               "gbps", "tbps", "ms", "millisecond", "milliseconds", "seconds", "minute", "minutes", "hour", "hours",
               "day", "days", "percent", "times", "x"}
_SHARE = re.compile(r"(\d+(?:\.\d+)?)\s*%\s*(reads|writes)\b", re.IGNORECASE)


def targets(c: dict, n: int) -> dict:
    """The passing criteria of level n: the score, and the bounds every test of the level keeps."""
    p99 = c["latency_p99_ms"]
    return ({"min_score": 60, "max_p99_ms": 5000, "max_error_rate": 0},
            {"min_score": 60, "max_p99_ms": 2 * p99, "max_error_rate": 0.02},
            {"min_score": 65, "max_p99_ms": p99, "max_error_rate": 0.03},
            {"min_score": 70, "max_p99_ms": p99, "min_availability": 0.95, "max_error_rate": 0.1},
            {"min_score": 75, "max_p99_ms": int(p99 * 0.8), "min_availability": 0.99, "max_error_rate": 0.01})[n - 1]


def _whole(value) -> bool:
    """A whole number, as YAML gives one (true and false are not numbers here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _one_of(value, vocabulary) -> bool:
    return isinstance(value, str) and value in vocabulary


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def stated_rates(text: str) -> list[tuple[str, float]]:
    """Every rate a text states ("8.6 million new links a day", "10T points/day"), per second."""
    rates = []
    for m in _RATE.finditer(text):
        if (m.group(3).split() or [""])[0].lower() in _NOT_COUNTS:
            continue  # "100 GB an hour", "15 minutes a day": a size or a time, not a count of things
        value = float(m.group(1).replace(",", "")) * _MAGNITUDE.get((m.group(2) or "").lower(), 1)
        rates.append((m.group(0), value / _UNIT_S[m.group(4).lower()]))
    return rates


def _norm(text: str) -> str:
    """Text as compared between challenges: case, spacing and the digits of numbers do not count."""
    return " ".join(re.sub(r"\d[\d,.]*", "#", text.lower()).split()).rstrip(".")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _texts(value, field: str):
    """(field, text) for every piece of text in a level, lists and mappings flattened into the field's path."""
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in VOCABULARY:
                yield from _texts(item, f"{field}.{key}" if field else key)


class _Challenge:
    """The rules one challenge must keep; `problems` collects what breaks them."""

    def __init__(self, c: dict):
        self.c = c
        self.name = c["_path"].name
        self.problems: list[str] = []
        t = c.get("traffic") if isinstance(c.get("traffic"), dict) else {}
        self.traffic = dict(t, volumes=t["volumes"] if isinstance(t.get("volumes"), list) else [])
        self.requirements = [r for r in c.get("functional_requirements") or [] if isinstance(r, str)] \
            if isinstance(c.get("functional_requirements"), list) else []
        self.ok_numbers = all(_whole(t.get(k)) for k in ("baseline_rps", "peak_rps", "max_test_rps")) \
            and _number(t.get("read_ratio"))

    def say(self, where: str, problem: str) -> None:
        self.problems.append(f"{self.name}: {where}: {problem}")

    def check(self) -> list[str]:
        c = self.c
        entities = c.get("entities")
        if not isinstance(entities, list) or not entities or not all(isinstance(e, str) for e in entities):
            self.say("entities", "list the records of the core path (level 1 builds them)")
        budget = c.get("monthly_budget_usd")
        if budget is not None and (not _whole(budget) or budget <= 0):
            self.say("monthly_budget_usd", "should be a whole number of dollars above 0")
        if self.ok_numbers:
            self.scale()
            self.numbers_in("description", c["description"] if isinstance(c.get("description"), str) else "")
            for req in self.requirements:
                self.numbers_in("functional_requirements", req)
        levels = c.get("levels")
        if levels is None:
            return self.problems  # reported as missing with the other fields
        if not isinstance(levels, list) or len(levels) != 5 or not all(isinstance(l, dict) for l in levels):
            self.say("levels", "should be a list of five levels (docs/catalogue.md)")
            return self.problems
        for n, level in enumerate(levels, start=1):
            self.level(n, level)
        return self.problems

    def scale(self) -> None:
        t, c = self.traffic, self.c
        low, high = TRACK_RPS.get(c["track"] if isinstance(c.get("track"), str) else None, (0, float("inf")))
        if not low <= t["baseline_rps"] <= high:
            self.say("traffic.baseline_rps", f"{t['baseline_rps']:,} requests a second does not fit the {c.get('track')} "
                     f"track ({low:,} to {high:,})")
        if not t["baseline_rps"] <= t["peak_rps"] <= t["max_test_rps"]:
            self.say("traffic", "baseline_rps ≤ peak_rps ≤ max_test_rps does not hold")
        if not 0 <= t["read_ratio"] <= 1:
            self.say("traffic.read_ratio", "should lie between 0 and 1")
        for v in t["volumes"]:
            self.volume(v)

    def volume(self, v) -> None:
        what = v.get("what") if isinstance(v, dict) else None
        units = [k for k in _PER if k in (v if isinstance(v, dict) else {})]
        if not isinstance(what, str) or len(units) != 1 or not _number(v[units[0]]) or v[units[0]] <= 0:
            self.say("traffic.volumes", f"{v!r}: needs `what` and one positive rate (per_s, per_minute, per_hour or per_day)")
            return
        per_request, side = v.get("per_request", 1), v.get("side", "any")
        if not _whole(per_request) or not 1 <= per_request <= MAX_PER_REQUEST or side not in ("read", "write", "any"):
            self.say(f"traffic.volumes: {what}", f"per_request is a whole number from 1 to {MAX_PER_REQUEST:,}, "
                     "side is read, write or any")
            return
        if v.get("limit"):
            return
        t = self.traffic
        share = {"read": t["read_ratio"], "write": 1 - t["read_ratio"], "any": 1}[side]
        rps = v[units[0]] / _PER[units[0]] / per_request
        if rps > t["max_test_rps"] * share:
            self.say(f"traffic.volumes: {what}",
                     f"{v[units[0]]:,} {units[0].replace('_', ' ')} in requests of {per_request:,} is {rps:,.0f} {side} "
                     f"requests a second, which the traffic does not carry (its hardest test drives "
                     f"{t['max_test_rps'] * share:,.0f})")

    @functools.cached_property
    def known_rates(self) -> tuple[float, ...]:
        """Every rate per second the facts hold: the traffic's levels, their read and write shares, the volumes."""
        t = self.traffic
        rates = [r * s for r in (t["baseline_rps"], t["peak_rps"], t["max_test_rps"])
                 for s in (1, t["read_ratio"], 1 - t["read_ratio"])]
        rates += [v[k] / _PER[k] for v in t["volumes"] if isinstance(v, dict) for k in _PER if _number(v.get(k))]
        return tuple(r for r in rates if r > 0)

    def numbers_in(self, where: str, text: str) -> None:
        """A rate the text states must be one the facts hold; a read share must be the read ratio."""
        t = self.traffic
        for phrase, per_s in stated_rates(text):
            if not any(abs(per_s - k) <= 0.02 * k for k in self.known_rates):
                self.say(where, f"states {phrase.strip()!r}, a rate that neither traffic nor traffic.volumes holds")
        for m in _SHARE.finditer(text):
            share = float(m.group(1)) / 100
            expected = t["read_ratio"] if m.group(2).lower() == "reads" else 1 - t["read_ratio"]
            if abs(share - expected) > 0.005:
                self.say(where, f"states {m.group(0)!r}, but traffic.read_ratio is {t['read_ratio']}")

    def level(self, n: int, level: dict) -> None:
        where = f"level {n}"
        for field in ("description", "solution_approach"):
            if not isinstance(level.get(field), str) or not level[field].strip():
                self.say(f"{where}: {field}", "is missing")
        hints = level.get("hints")
        if not isinstance(hints, list) or len(hints) != 3 or not all(isinstance(h, str) and h.strip() for h in hints):
            self.say(f"{where}: hints", "should be three hints that lead in steps")
        elif len({_norm(h) for h in hints}) < 3:
            self.say(f"{where}: hints", "repeat each other")
        elif isinstance(level.get("solution_approach"), str):
            solution = _runs(_words(level["solution_approach"]), SHARED_RUN)
            for i, hint in enumerate(hints, start=1):
                shared = _runs(_words(hint), SHARED_RUN) & solution
                if shared:
                    self.say(f"{where}: hints", f"hint {i} repeats the solution approach ({' '.join(min(shared))!r})")
        if isinstance(level.get("description"), str) and self.ok_numbers:
            self.numbers_in(f"{where}: description", level["description"])
        self.own_field(n, level.get(OWN_FIELD[n - 1]))
        tests = level.get("tests")
        if not isinstance(tests, list) or not all(isinstance(t, dict) for t in tests):
            self.say(f"{where}: tests", "should be a list of tests")
            return
        for test in tests:
            self.test(n, level, test)
        self.enough_tests(n, level, tests)

    def own_field(self, n: int, value) -> None:
        field, where = OWN_FIELD[n - 1], f"level {n}: {OWN_FIELD[n - 1]}"
        if n == 1:
            if not isinstance(value, list) or not value or not all(isinstance(s, str) for s in value):
                self.say(where, "should list the steps of each core request")
        elif n == 2:
            if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("data_volume", "first_bottleneck")):
                self.say(where, "needs data_volume and first_bottleneck")
        else:
            key, vocabulary = {3: ("technique", TECHNIQUES), 4: ("type", FAILURES), 5: ("area", AREAS)}[n]
            if not isinstance(value, list) or len(value) < 2 or not all(isinstance(v, dict) for v in value):
                self.say(where, f"should list at least two {{{key}, what}} entries")
                return
            for v in value:
                if not _one_of(v.get(key), vocabulary):
                    self.say(where, f"{key} {v.get(key)!r} is not one of {', '.join(sorted(vocabulary))}")
                if not isinstance(v.get("what"), str):
                    self.say(where, f"{v.get(key)}: what is missing")
                if n == 4 and not (_whole(v.get("rto_s")) and v["rto_s"] >= 0
                                   and _number(v.get("rpo_s")) and v["rpo_s"] >= 0):
                    self.say(where, f"{v.get(key)}: needs rto_s and rpo_s (seconds, ≥ 0)")

    def test(self, n: int, level: dict, test: dict) -> None:
        name = test.get("name")
        where = f"level {n}: tests: {name!r}"
        unknown = set(test) - {"name", "kind", "rps", "read_ratio", "duration_s", "failure", "pass"}
        if unknown:
            self.say(where, f"unknown keys {', '.join(map(repr, sorted(map(str, unknown))))} (in a flow mapping a comma "
                     "ends the value: quote a name holding one)")
        if not isinstance(name, str) or not name.strip():
            self.say(f"level {n}: tests", "a test without a name")
        if not _one_of(test.get("kind"), TEST_KINDS):
            self.say(where, f"kind {test.get('kind')!r} is not one of {', '.join(sorted(TEST_KINDS))}")
        rps, ratio, duration, passing = test.get("rps"), test.get("read_ratio"), test.get("duration_s"), test.get("pass")
        if not _whole(rps) or rps < 1 or (self.ok_numbers and rps > self.traffic["max_test_rps"]):
            self.say(where, f"rps {rps!r} should be a whole number from 1 to traffic.max_test_rps")
        if not _number(ratio) or not 0 <= ratio <= 1:
            self.say(where, "read_ratio should lie between 0 and 1")
        if not _whole(duration) or duration < 10:
            self.say(where, "duration_s should be a whole number of at least 10 seconds")
            return
        if not isinstance(passing, dict):
            self.say(where, "pass is missing")
            return
        bound = targets(self.c, n) if _whole(self.c.get("latency_p99_ms")) else {}
        failure = test.get("failure")
        if test.get("kind") == "cost":
            budget = self.c.get("monthly_budget_usd") if _whole(self.c.get("monthly_budget_usd")) else None
            if not _whole(passing.get("max_monthly_usd")) or not budget or passing["max_monthly_usd"] > budget:
                self.say(where, "a cost test needs pass.max_monthly_usd within monthly_budget_usd")
        elif failure is None:
            p99, errors = passing.get("p99_ms"), passing.get("max_error_rate")
            if not _whole(p99) or not _number(errors):
                self.say(where, "pass needs p99_ms and max_error_rate")
            elif bound and (p99 > bound["max_p99_ms"] or errors > bound["max_error_rate"]):
                self.say(where, f"pass (p99 {p99} ms, errors {errors}) is looser than the level's targets "
                         f"(p99 {bound['max_p99_ms']} ms, errors {bound['max_error_rate']})")
        else:
            self.failure(n, level, where, failure, duration, passing, bound)

    def failure(self, n, level, where, failure, duration, passing, bound) -> None:
        kind = failure.get("type") if isinstance(failure, dict) else failure
        if not _one_of(kind, FAILURES):
            self.say(where, f"failure type {kind!r} is not one the simulator injects ({', '.join(sorted(FAILURES))})")
            return
        at, back = failure.get("at_s"), failure.get("recover_at_s")
        downtime, availability = passing.get("max_downtime_s"), passing.get("min_availability")
        if not _whole(downtime) or not _number(availability) \
                or not _number(passing.get("max_error_rate")):
            self.say(where, "a test with a failure needs pass.min_availability, max_error_rate and max_downtime_s")
            return
        if availability < bound.get("min_availability", 0.95) or passing["max_error_rate"] > bound.get("max_error_rate", 0.1) \
                or (n == 4 and downtime > self.rto(level, kind, default=downtime)):
            self.say(where, f"pass (availability {availability}, errors {passing['max_error_rate']}, downtime {downtime} s) "
                     f"is looser than the level's targets (availability {bound.get('min_availability', 0.95)}, errors "
                     f"{bound.get('max_error_rate', 0.1)}" + (f", the {kind} recovery time {self.rto(level, kind)} s)" if n == 4 else ")"))
        if not _whole(at):
            self.say(where, "failure.at_s is missing")
            return
        if n == 4 and self.rto(level, kind) is None:
            self.say(where, f"injects {kind}, which is not among the level's failure_modes")
        if at < STEADY_S or at >= duration:
            self.say(where, f"the failure at {at} s is outside the test's window: it needs {STEADY_S} s of steady "
                     f"state first, inside {duration} s")
            return
        if FAILURES[kind]:
            if not _whole(back):
                self.say(where, f"{kind} lasts: failure.recover_at_s is missing")
                return
            if back <= at:
                self.say(where, f"the recovery at {back} s comes before its failure at {at} s")
                return
            if back - at <= downtime:
                self.say(where, f"the failure lasts {back - at} s, no longer than the {downtime} s of downtime allowed: "
                         "the test passes without failing over")
        elif back is not None:
            self.say(where, f"{kind} is over at once: it has no recover_at_s")
        end = back if _whole(back) and FAILURES[kind] else at
        if duration - end < STEADY_S:
            self.say(where, f"the test ends {duration - end} s after the system is given back at {end} s: "
                     f"{STEADY_S} s are needed to measure the recovery (duration_s {duration})")

    @staticmethod
    def rto(level: dict, kind: str, default=None):
        modes = level.get("failure_modes")
        for mode in modes if isinstance(modes, list) else []:
            if isinstance(mode, dict) and mode.get("type") == kind:
                return mode["rto_s"] if _whole(mode.get("rto_s")) else default
        return default

    def enough_tests(self, n: int, level: dict, tests: list[dict]) -> None:
        where = f"level {n}: tests"
        counts = defaultdict(int)
        for t in tests:
            counts[t.get("kind") if _one_of(t.get("kind"), TEST_KINDS) else None] += 1
        needed = dict(NEEDED_TESTS[n - 1])
        if n == 1:
            needed["functional"] = max(2, len(self.requirements))
        for kind, count in needed.items():
            if counts[kind] < count:
                self.say(where, f"{counts[kind]} {kind} test(s), the level needs {count}")
        failures = {t["failure"].get("type") for t in tests
                    if isinstance(t.get("failure"), dict) and _one_of(t["failure"].get("type"), FAILURES)}
        if n == 4 and len(failures) < 2:
            self.say(where, "level 4 injects two different failures at least")
        if n == 5 and self.ok_numbers:
            if not any(t.get("kind") == "performance" and t.get("rps") == self.traffic["max_test_rps"] for t in tests):
                self.say(where, f"level 5 needs a performance test at max_test_rps ({self.traffic['max_test_rps']:,})")
            if self.c.get("monthly_budget_usd") and not counts["cost"]:
                self.say(where, "the challenge has a budget: level 5 needs a cost test")


def problems(challenges: list[dict]) -> list[str]:
    """Every problem of the challenges' content: each challenge on its own, then text shared between them."""
    found = []
    for c in challenges:
        found += _Challenge(c).check()
    found += _shared_text(challenges)
    return found


def _shared_text(challenges: list[dict]) -> list[str]:
    """Text in the same field of the same level of two challenges: a sentence written for none of them."""
    owners: dict[tuple[int, str, str], set[str]] = defaultdict(set)
    for c in challenges:
        for n, level in enumerate(c["levels"] if isinstance(c.get("levels"), list) else [], start=1):
            if not isinstance(level, dict):
                continue
            for field, text in _texts(level, ""):
                owners[(n, field, _norm(text))].add(c["_path"].name)
    return [f"{', '.join(sorted(files))}: level {n}: {field}: the same text in {len(files)} challenges: {text!r}"
            for (n, field, text), files in sorted(owners.items()) if len(files) > 1]
