"""The course's content rules (docs/catalogue.md): each defect once found in the catalogue, planted
again in a copy of it, must make `progflow seed --check` fail and say where."""

import shutil

import pytest
import yaml

from conftest import ROOT
from progflow import content, seed

SEED = ROOT / "seed"


def planted(tmp_path, mutate, slug="tinyurl"):
    """A copy of the catalogue with one challenge's data changed by `mutate(challenge, others)`."""
    copy = tmp_path / "seed"
    shutil.copytree(SEED, copy)
    path = copy / "data" / "challenges" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    other_path = copy / "data" / "challenges" / "pastebin.yaml"
    other = yaml.safe_load(other_path.read_text(encoding="utf-8"))
    mutate(data, other)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    other_path.write_text(yaml.safe_dump(other, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def problems_of(seed_dir) -> str:
    with pytest.raises(seed.SeedError) as raised:
        seed.load(seed_dir)
    return str(raised.value)


def level(n):
    return lambda c: c["levels"][n - 1]


def nth_test(n, i):
    return lambda c: c["levels"][n - 1]["tests"][i]


def failing_test(c):
    """Level 4's first test: the primary database fails at 60 s, is given back at 120 s, in 180 s; 15 s of downtime allowed."""
    t = c["levels"][3]["tests"][0]
    assert (t["failure"], t["duration_s"], t["pass"]["max_downtime_s"]) == \
        ({"type": "db_crash", "at_s": 60, "recover_at_s": 120}, 180, 15)
    return t


def _shared_but_numbers(c, o):
    """Pastebin's second level 1 hint becomes TinyURL's with every digit changed."""
    o["levels"][0]["hints"][1] = "".join("5" if ch.isdigit() else ch for ch in c["levels"][0]["hints"][1])
    assert o["levels"][0]["hints"][1] != c["levels"][0]["hints"][1]


PLANTED = [
    # A failure outside its test's window: after the end, or with no steady state before it.
    ("failure after the test ends", lambda c, o: failing_test(c)["failure"].update(at_s=200, recover_at_s=260),
     "tinyurl.yaml: level 4: tests: 'the primary fails while links are being created': the failure at 200 s is outside "
     "the test's window"),
    ("failure at the start", lambda c, o: failing_test(c)["failure"].update(at_s=5),
     "the failure at 5 s is outside the test's window: it needs 10 s of steady state first, inside 180 s"),
    ("no time left to measure the recovery", lambda c, o: failing_test(c).update(duration_s=125),
     "the test ends 5 s after the system is given back at 120 s"),
    # A recovery before its failure.
    ("recovery before failure", lambda c, o: failing_test(c)["failure"].update(recover_at_s=50),
     "the recovery at 50 s comes before its failure at 60 s"),
    ("failure shorter than the downtime allowed", lambda c, o: failing_test(c)["failure"].update(recover_at_s=70),
     "the failure lasts 10 s, no longer than the 15 s of downtime allowed"),
    ("instant failure given a recovery", lambda c, o: nth_test(4, 1)(c)["failure"].update(recover_at_s=90),
     "cache_flush is over at once: it has no recover_at_s"),
    ("failure the level does not name", lambda c, o: failing_test(c)["failure"].update(type="clock_skew"),
     "injects clock_skew, which is not among the level's failure_modes"),
    ("failure the simulator cannot inject", lambda c, o: failing_test(c)["failure"].update(type="meteor"),
     "failure type 'meteor' is not one the simulator injects"),
    ("more downtime than the recovery target", lambda c, o: failing_test(c)["pass"].update(max_downtime_s=40),
     "looser than the level's targets (availability 0.95, errors 0.1, the db_crash recovery time 15 s)"),
    # Two challenges sharing text in the same field of the same level (numbers do not make it another text).
    ("a description shared", lambda c, o: o["levels"][2].update(description=level(3)(c)["description"]),
     "pastebin.yaml, tinyurl.yaml: level 3: description: the same text in 2 challenges"),
    ("a hint shared but for its numbers", lambda c, o: _shared_but_numbers(c, o),
     "pastebin.yaml, tinyurl.yaml: level 1: hints: the same text in 2 challenges"),
    ("a test name shared", lambda c, o: o["levels"][3]["tests"][0].update(name=failing_test(c)["name"]),
     "level 4: tests.name: the same text in 2 challenges"),
    # A challenge whose numbers contradict its description.
    ("a rate the traffic does not have", lambda c, o: c.update(description=c["description"].replace(
        "1,000 requests per second", "50,000 requests per second")),
     "tinyurl.yaml: description: states '50,000 requests per second', a rate that neither traffic nor traffic.volumes holds"),
    ("a read share that is not the read ratio", lambda c, o: c["traffic"].update(read_ratio=0.8),
     "tinyurl.yaml: description: states '90 % reads', but traffic.read_ratio is 0.8"),
    ("a volume the traffic cannot carry", lambda c, o: (
        c["functional_requirements"].append("ingest 10T click events/day"),
        c["traffic"]["volumes"].append({"what": "click events", "per_day": 10 ** 13, "side": "write"})),
     "traffic.volumes: click events: 10,000,000,000,000 per day in requests of 1 is 115,740,741 write requests a second, "
     "which the traffic does not carry"),
    ("a rate stated nowhere in the facts", lambda c, o: c["functional_requirements"].append("ingest 10T points/day"),
     "tinyurl.yaml: functional_requirements: states '10T points/day'"),
    ("traffic too large for the track", lambda c, o: c["traffic"].update(baseline_rps=20000, peak_rps=40000, max_test_rps=60000),
     "traffic.baseline_rps: 20,000 requests a second does not fit the fundamentals track (100 to 10,000)"),
    # A level with fewer tests of its kind than it needs.
    ("level 4 with one failure test", lambda c, o: level(4)(c).update(tests=level(4)(c)["tests"][:1]),
     "tinyurl.yaml: level 4: tests: 1 reliability test(s), the level needs 2"),
    ("level 1 missing a requirement's test", lambda c, o: level(1)(c)["tests"].pop(),
     "tinyurl.yaml: level 1: tests: 7 functional test(s), the level needs 8"),
    ("level 5 never at the hardest load", lambda c, o: nth_test(5, 0)(c).update(rps=2500),
     "level 5 needs a performance test at max_test_rps (3,000)"),
    ("a budget and no cost test", lambda c, o: level(5)(c)["tests"].pop(),
     "the challenge has a budget: level 5 needs a cost test"),
    # Hints that repeat the solution approach.
    ("a hint that gives the answer", lambda c, o: level(3)(c)["hints"].__setitem__(
        2, "Try this: " + level(3)(c)["solution_approach"].split(";")[0] + "."),
     "tinyurl.yaml: level 3: hints: hint 3 repeats the solution approach"),
    ("two hints", lambda c, o: level(2)(c)["hints"].pop(), "tinyurl.yaml: level 2: hints: should be three hints"),
    # Pass criteria looser than the level's targets, and a level without its own field.
    ("a test looser than its level", lambda c, o: nth_test(3, 0)(c)["pass"].update(p99_ms=500),
     "level 3: tests: 'one viral code takes a third of 3,000 requests a second': pass (p99 500 ms, errors 0.03) is "
     "looser than the level's targets (p99 200 ms, errors 0.03)"),
    ("no failure modes", lambda c, o: level(4)(c).pop("failure_modes"),
     "tinyurl.yaml: level 4: failure_modes: should list at least two {type, what} entries"),
    ("no entities", lambda c, o: c.update(entities=[]), "tinyurl.yaml: entities: list the records of the core path"),
    ("a comma splits a test's name", lambda c, o: nth_test(2, 0)(c).update({"000 requests": None}),
     "unknown keys '000 requests' (in a flow mapping a comma ends the value"),
]


@pytest.mark.parametrize("defect, mutate, message", PLANTED, ids=[p[0] for p in PLANTED])
def test_a_planted_defect_is_found_and_named(tmp_path, defect, mutate, message):
    assert message in problems_of(planted(tmp_path, mutate))


def test_seed_check_fails_on_a_planted_defect_and_passes_on_the_catalogue(run, tmp_path):
    assert "The catalogue is valid" in run(["seed", "--check"]).stdout
    project = tmp_path / "project"
    shutil.copytree(planted(tmp_path, lambda c, o: failing_test(c)["failure"].update(at_s=200, recover_at_s=260)),
                    project / "seed")
    shutil.copy(ROOT / "sqitch.conf", project / "sqitch.conf")
    shutil.copytree(ROOT / "migrations", project / "migrations")
    failed = run(["seed", "--check"], code=1, project=project)
    assert "the failure at 200 s is outside the test's window" in failed.stderr
    assert "progflow seed --check" in failed.stderr  # the hint


def test_every_failure_of_the_catalogue_lies_inside_its_test():
    for c in seed.load(SEED).challenges:
        for n, written in enumerate(c["levels"], start=1):
            for t in written["tests"]:
                f = t.get("failure")
                if f is None:
                    continue
                assert f["at_s"] >= 10, (c["slug"], n, t)  # a steady state to measure first
                if "recover_at_s" in f:  # a lasting failure: longer than the downtime allowed, then time to recover
                    assert f["recover_at_s"] - f["at_s"] > t["pass"]["max_downtime_s"], (c["slug"], n, t)
                    assert t["duration_s"] - f["recover_at_s"] >= 10, (c["slug"], n, t)
                else:
                    assert t["duration_s"] - f["at_s"] >= 10, (c["slug"], n, t)


@pytest.mark.parametrize("text, rates", [
    ("1,000 requests per second with 90 % reads", [1000]),
    ("ingest 10T points/day and 1M custom metrics", [10 ** 13 / 86400]),
    ("about 8.6 million new links a day", [8.6e6 / 86400]),
    ("100K commits/day, 5,000 deploys/day", [1e5 / 86400, 5000 / 86400]),
    ("p99 under 200 ms per request, $3,500 a month, 1.5 TB a year, within 1 min", []),
    ("100 GB an hour of logs, 15 minutes a day of downtime, 2x a day", []),
    ("10 trillion points a day, 2 billion events an hour", [1e13 / 86400, 2e9 / 3600]),
])
def test_rates_are_read_from_text(text, rates):
    assert [round(r, 6) for _, r in content.stated_rates(text)] == [round(r, 6) for r in rates]


def _paths(value, path=()):
    """Every place in a challenge's data, containers and leaves."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        yield from _paths(item, path + (key,))


def test_malformed_data_anywhere_is_reported_never_a_crash():
    """Whatever stands in any place of a challenge (a wrong type, nothing, an empty container), the
    content rules report problems; none raises (a data file is input, and input may be anything)."""
    import copy
    original = next(c for c in seed.load(SEED).challenges if c["slug"] == "tinyurl")
    for path in [p for p in _paths(original) if p and p[0] != "_path"]:  # _path is the loader's, not data
        for junk in (None, True, "x", 7, 2.5, [], {}, [[1]], {"k": [1]}):
            broken = copy.deepcopy(original)
            parent = broken
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = junk
            assert isinstance(content.problems([broken]), list), path


def test_a_challenge_file_with_any_field_malformed_is_refused_with_problems(tmp_path):
    """The same at the top of a data file, through the loader: a problem for each, never a crash."""
    copy = tmp_path / "seed"
    shutil.copytree(SEED, copy)
    path = copy / "data" / "challenges" / "tinyurl.yaml"
    original = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in original:
        for junk in ([[1]], {"k": [1]}):  # wrong in every field
            path.write_text(yaml.safe_dump(dict(original, **{key: junk})), encoding="utf-8")
            with pytest.raises(seed.SeedError):
                seed.load(copy)


@pytest.fixture(scope="module")
def tinyurl():
    return next(c for c in seed.load(SEED).challenges if c["slug"] == "tinyurl")


@pytest.mark.parametrize("mutate, message", [
    (lambda c: c.update(monthly_budget_usd="cheap"), "monthly_budget_usd: should be a whole number of dollars above 0"),
    (lambda c: c["traffic"].update(peak_rps=500), "traffic: baseline_rps ≤ peak_rps ≤ max_test_rps does not hold"),
    (lambda c: c["traffic"].update(read_ratio=1.5), "traffic.read_ratio: should lie between 0 and 1"),
    (lambda c: c["traffic"]["volumes"].append({"what": "clicks"}), "needs `what` and one positive rate"),
    (lambda c: c["traffic"]["volumes"].append({"what": "clicks", "per_s": 5, "per_request": 10 ** 6}),
     "per_request is a whole number from 1 to 10,000"),
    (lambda c: c.update(levels=c["levels"][:4]), "levels: should be a list of five levels"),
    (lambda c: c["levels"][1]["hints"].__setitem__(2, c["levels"][1]["hints"][0]), "level 2: hints: repeat each other"),
    (lambda c: c["levels"][0].update(core_path=[]), "level 1: core_path: should list the steps of each core request"),
    (lambda c: c["levels"][1].update(capacity={"data_volume": "a lot"}), "level 2: capacity: needs data_volume and first_bottleneck"),
    (lambda c: c["levels"][2]["optimizations"][0].update(technique="magic"), "technique 'magic' is not one of"),
    (lambda c: c["levels"][4]["criteria"][0].pop("what"), "level 5: criteria: multi_region: what is missing"),
    (lambda c: c["levels"][3]["failure_modes"][0].update(rto_s=-1), "db_crash: needs rto_s and rpo_s"),
    (lambda c: c["levels"][3].update(tests="all of them"), "level 4: tests: should be a list of tests"),
    (lambda c: c["levels"][1]["tests"][0].pop("name"), "level 2: tests: a test without a name"),
    (lambda c: c["levels"][1]["tests"][0].update(kind="vibes"), "kind 'vibes' is not one of"),
    (lambda c: c["levels"][1]["tests"][0].update(rps=4000), "rps 4000 should be a whole number from 1 to traffic.max_test_rps"),
    (lambda c: c["levels"][1]["tests"][0].update(read_ratio=-0.1), "read_ratio should lie between 0 and 1"),
    (lambda c: c["levels"][1]["tests"][0].update(duration_s=5), "duration_s should be a whole number of at least 10 seconds"),
    (lambda c: c["levels"][1]["tests"][0].pop("pass"), "pass is missing"),
    (lambda c: c["levels"][1]["tests"][0]["pass"].pop("p99_ms"), "pass needs p99_ms and max_error_rate"),
    (lambda c: c["levels"][4]["tests"][2]["pass"].update(max_monthly_usd=9000), "a cost test needs pass.max_monthly_usd within"),
    (lambda c: c["levels"][3]["tests"][0]["pass"].pop("max_downtime_s"), "a test with a failure needs pass.min_availability"),
    (lambda c: c["levels"][3]["tests"][0]["failure"].pop("at_s"), "failure.at_s is missing"),
    (lambda c: c["levels"][3]["tests"][0]["failure"].pop("recover_at_s"), "db_crash lasts: failure.recover_at_s is missing"),
    (lambda c: [t["failure"].update(type="db_crash") for t in c["levels"][3]["tests"]],
     "level 4 injects two different failures at least"),
])
def test_each_rule_says_what_is_wrong_and_where(tinyurl, mutate, message):
    import copy
    broken = copy.deepcopy(tinyurl)
    mutate(broken)
    found = content.problems([broken])
    assert any(message in p for p in found), found
    assert content.problems([tinyurl]) == []
