"""Run every workload with pgbench and print one table: TPS, p50, p99, and the ratio to a baseline.

    python benchmarks/run.py [--target URI] [--users 10000,1000000] [--profile realistic] [--clients 8]
                             [--seconds 10] [--rounds 3]

For each size it uses the database progflow_bench_<users> (progflow_bench_<users>_uniform for the
uniform profile) on the target's server (the embedded server when no target is given), creating it
when missing: deploy, seed, `progflow demo-data`; an existing one gets the plan's new changes.
Each workload (benchmarks/workloads/*.sql) runs as a pgbench custom script for --seconds with
--clients clients, --rounds times, each time just after its baseline, on the same server, in the
same run: a plain single-row INSERT for the writes, a primary-key SELECT for the reads, both in
the same request envelope (a transaction that sets the acting user). Alternating the two spreads
a shared machine's drifts over both sides of the ratio; TPS is the mean over the rounds, the
latencies are those of every transaction of all rounds. Targets are ratios to those
baselines, never absolute times. Then the batch jobs are timed at each size, after the write
workloads changed thousands of learners (a board refresh writes what changed since the last), and
`progflow deploy` of the whole plan is compared with `sqitch deploy` of the same plan.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psycopg
from rich.console import Console
from rich.table import Table

from progflow import demo, embedded, engine, project, seed
from progflow.target import resolve, sqitch_target, with_dbname

ROOT = Path(__file__).resolve().parents[1]
WORKLOADS = ROOT / "benchmarks" / "workloads"

# workload: (role it runs as, baseline, target ratio to the baseline's TPS)
PLAN = {
    "award_xp": ("progflow_service", "insert_baseline", 0.5),
    "submit_level_attempt": ("progflow_app", "insert_baseline", 0.25),
    "dashboard": ("progflow_app", "select_baseline", 0.35),
    "leaderboard": ("progflow_app", "select_baseline", 0.3),
    "around_me": ("progflow_app", "select_baseline", 0.3),
    "recommend_challenges": ("progflow_app", "select_baseline", 0.35),
    "challenge_page": ("progflow_app", "select_baseline", 0.35),
}
READS = ("dashboard", "leaderboard", "around_me", "recommend_challenges", "challenge_page")
BASELINE_ROLE = {"insert_baseline": "progflow_service", "select_baseline": "progflow_app"}
BATCH_JOBS = {
    "refresh_leaderboards('all_time')": "select progflow.refresh_leaderboards('all_time')",
    "refresh_leaderboards('monthly')": "select progflow.refresh_leaderboards('monthly')",
    "refresh_leaderboards('weekly')": "select progflow.refresh_leaderboards('weekly')",
    "refresh_leaderboards('daily')": "select progflow.refresh_leaderboards('daily')",
}


@dataclass
class Result:
    users: int
    workload: str
    clients: int
    tps: float
    p50_ms: float
    p99_ms: float
    baseline: str | None = None
    baseline_tps: float | None = None
    target: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.tps / self.baseline_tps if self.baseline_tps else None


def prepare(server: str, users: int, console: Console, profile: str = "realistic") -> tuple[str, dict]:
    """The bench database of this size and profile, with its demo data (created when missing), and
    what it took: generation seconds (when generated now), size in bytes, users on the XP board."""
    name = f"progflow_bench_{users}" + ("" if profile == "realistic" else f"_{profile}")
    uri = with_dbname(server, name)
    facts: dict = {}
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'create database "{name}"')
    with engine.Engine(project.load(ROOT), uri) as eng:
        eng.deploy()
        present = eng.conn.execute("select count(*) from progflow.users").fetchone()[0]
        if present != users:
            if present:
                raise SystemExit(f"{name} holds {present:,} users, not {users:,}: drop it, or pick another size")
            seed.load_and_apply(eng.conn, ROOT / "seed")
            started = time.monotonic()
            console.print(f"writing {users:,} demo users ({profile}) into {name} …")
            demo.generate(eng.conn, ROOT, users, profile=profile)
            facts["generated_seconds"] = time.monotonic() - started
            console.print(f"  done in {facts['generated_seconds']:.0f} s")
        # Thousands of submissions a second over a few users would meet the limit of 30 a minute for
        # each (PF003) in a small database; the limiter still counts, with a limit nothing reaches.
        eng.conn.execute("update progflow.game_settings set max_submissions_per_minute = 100000")
        eng.conn.execute("""
            create schema if not exists progflow_bench;
            create table if not exists progflow_bench.plain (
              id bigint generated always as identity primary key, user_id uuid not null, amount integer not null);
            grant usage on schema progflow_bench to progflow_readonly;
            grant insert on progflow_bench.plain to progflow_app;
            -- 1..users onto the users on the all-time XP board, for the "around me" workload
            drop table if exists progflow_bench.ranked;
            create table progflow_bench.ranked (k bigint primary key, user_id uuid not null);
            grant select on progflow_bench.ranked to progflow_readonly""")
        eng.conn.execute("""
            with r as (select user_id, row_number() over (order by user_id) - 1 as i
                         from progflow.leaderboard_entries where period_type = 'all_time' and metric_type = 'xp'),
                 n as (select count(*) as ranked from r)
            insert into progflow_bench.ranked
            select k, r.user_id
              from generate_series(1, %s) k cross join n join r on r.i = (k - 1) %% n.ranked
             where n.ranked > 0""", (users,))
        # The boards' statistics as they are now (a deploy or an earlier run may have rewritten them).
        eng.conn.execute("vacuum analyze progflow_bench.plain, progflow_bench.ranked, progflow.leaderboard_entries,"
                         " progflow.leaderboard_ranks")
        facts["bytes"] = eng.conn.execute("select pg_database_size(current_database())").fetchone()[0]
        facts["ranked_users"] = eng.conn.execute("select count(*) from progflow.leaderboard_entries"
                                                 " where period_type = 'all_time' and metric_type = 'xp'").fetchone()[0]
    return uri, facts


def pgbench(uri: str, script: str, role: str, users: int, clients: int, seconds: int) -> tuple[float, list[int]]:
    """TPS and the latency (microseconds) of every transaction of one pgbench run of a workload script."""
    with tempfile.TemporaryDirectory() as logs:
        env = dict(os.environ, PGOPTIONS=f"-c role={role}")
        done = subprocess.run(
            ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(clients), "-T", str(seconds),
             "-D", f"users={users}", "-f", str(WORKLOADS / f"{script}.sql"), "-l", "--log-prefix", f"{logs}/tx", uri],
            capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"pgbench {script} failed:\n{done.stdout}\n{done.stderr}")
        tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout).group(1))
        latencies = [int(line.split()[2]) for log in Path(logs).iterdir() for line in log.read_text().splitlines()]
    return tps, latencies


def measured(users: int, workload: str, clients: int, runs: list[tuple[float, list[int]]]) -> Result:
    """One result from the rounds of a script: mean TPS, p50 and p99 over all their transactions."""
    q = statistics.quantiles(sorted(lat for _, lats in runs for lat in lats), n=100, method="inclusive")
    return Result(users, workload, clients, statistics.fmean(tps for tps, _ in runs), q[49] / 1000, q[98] / 1000)


def run_size(server: str, users: int, clients: int, seconds: int, rounds: int, console: Console,
             profile: str = "realistic") -> tuple[list[Result], dict, dict]:
    uri, facts = prepare(server, users, console, profile)
    results = []
    for workload in sorted(PLAN, key=lambda w: (w not in READS, w)):  # reads first: the writes add rows
        role, baseline, target = PLAN[workload]
        base_runs, runs = [], []
        for _ in range(rounds):
            base_runs.append(pgbench(uri, baseline, BASELINE_ROLE[baseline], users, clients, seconds))
            runs.append(pgbench(uri, workload, role, users, clients, seconds))
        base = measured(users, baseline, clients, base_runs)
        result = measured(users, workload, clients, runs)
        result.baseline, result.baseline_tps, result.target = baseline, base.tps, target
        results += [base, result]
        console.print(f"  {users:>9,} {workload:<22} {result.tps:>9.0f} tps  ratio {result.ratio:.2f}")
    jobs = {}
    with psycopg.connect(uri, autocommit=True) as conn:
        for job, sql in BATCH_JOBS.items():
            started = time.monotonic()
            written = conn.execute(sql).fetchone()[0]
            jobs[job] = time.monotonic() - started
            facts[f"{job} wrote"] = written
    return results, jobs, facts


def compare_deploys(server: str) -> dict | None:
    """Seconds for `progflow deploy` and `sqitch deploy` of the whole plan into empty databases."""
    sqitch = shutil.which("sqitch")
    if sqitch is None:
        return None
    times = {}
    with psycopg.connect(server, autocommit=True) as conn:
        for tool in ("progflow", "sqitch"):
            conn.execute(f"drop database if exists progflow_bench_deploy_{tool}")
            conn.execute(f"create database progflow_bench_deploy_{tool}")
    for tool in ("progflow", "sqitch"):
        uri = with_dbname(server, f"progflow_bench_deploy_{tool}")
        started = time.monotonic()
        if tool == "progflow":
            with engine.Engine(project.load(ROOT), uri) as eng:
                eng.deploy()
        else:
            subprocess.run([sqitch, "deploy", sqitch_target(uri)], cwd=ROOT, check=True,
                           capture_output=True)
        times[tool] = time.monotonic() - started
    with psycopg.connect(server, autocommit=True) as conn:
        for tool in ("progflow", "sqitch"):
            conn.execute(f"drop database progflow_bench_deploy_{tool}")
    return times


def explain(uri: str, users: int) -> str:
    """Markdown: the plan of every statement each workload runs, nested ones included, as its role runs it.

    auto_explain logs each statement of the workload (and each statement inside the functions it
    calls) with EXPLAIN (ANALYZE, BUFFERS); the log lines come back as notices.
    """
    params = {"n": str(users // 2), "score": "75", "k": "30"}
    out = []
    for workload, (role, _, _) in PLAN.items():
        text = (WORKLOADS / f"{workload}.sql").read_text()
        statements = [s.strip() for s in re.sub(r"^(--|\\set).*$", "", text, flags=re.M).split(";")]
        statements = [re.sub(r"(?<!:):(\w+)", lambda m: params[m.group(1)], s) for s in statements
                      if s and s.upper() not in ("BEGIN", "END")]
        plans: list[str] = []
        with psycopg.connect(uri, autocommit=True) as conn:
            conn.add_notice_handler(lambda d: plans.append(d.message_primary))
            conn.execute("load 'auto_explain'")
            for setting, value in (("log_min_duration", "0"), ("log_analyze", "on"), ("log_buffers", "on"),
                                   ("log_nested_statements", "on"), ("log_timing", "on")):
                conn.execute(f"set auto_explain.{setting} = {value}")
            conn.execute(f"set role {role}")
            for _ in ("warm the caches", "log the plans"):  # each in a transaction rolled back
                plans.clear()
                conn.execute("begin")
                conn.execute("set local client_min_messages = log")
                for statement in statements:
                    conn.execute(statement)
                conn.execute("rollback")
        out += [f"### {workload}", "", f"As `{role}`, for demo user {params['n']} of {users:,}; the statements inside "
                "the functions it calls included, each statement once (trivial expression plans left out).", "", "```"]
        seen: set[str] = set()
        for plan in plans:  # each statement once (a loop runs its statements again and again)
            query = plan.split("Query Text:", 1)[-1].split("\n", 2)[:2]
            key = re.sub(r"\s+", " ", " ".join(query))
            if "set_config" in plan or key in seen or not re.search(r"Scan|Insert on|Update on|Aggregate", plan):
                continue
            seen.add(key)
            out.append(plan)
        out += ["```", ""]
    return "\n".join(out)


def report(results: list[Result], jobs: dict[int, dict], facts: dict[int, dict], deploys: dict | None,
           console: Console) -> None:
    table = Table(title="progflow benchmarks")
    for column in ("users", "workload", "clients", "TPS", "p50 ms", "p99 ms", "baseline", "ratio", "target", ""):
        table.add_column(column, justify="right" if column not in ("workload", "baseline", "") else "left")
    for r in results:
        if r.baseline is None:
            continue
        verdict = "" if r.target is None else ("met" if r.ratio >= r.target else f"missed by {r.target - r.ratio:.2f}")
        table.add_row(f"{r.users:,}", r.workload, str(r.clients), f"{r.tps:,.0f}", f"{r.p50_ms:.2f}", f"{r.p99_ms:.2f}",
                      f"{r.baseline} {r.baseline_tps:,.0f}", f"{r.ratio:.2f}",
                      "" if r.target is None else f"≥ {r.target}", verdict)
    console.print(table)
    sizes = sorted({r.users for r in results})
    if len(sizes) > 1:
        scaling = Table(title=f"read p50 at {sizes[-1]:,} users against {sizes[0]:,} (target ≤ 1.5×)")
        for column in ("workload", f"p50 at {sizes[0]:,}", f"p50 at {sizes[-1]:,}", "×", ""):
            scaling.add_column(column)
        p50 = {(r.users, r.workload): r.p50_ms for r in results}
        for workload in READS:
            small, large = p50[sizes[0], workload], p50[sizes[-1], workload]
            scaling.add_row(workload, f"{small:.2f} ms", f"{large:.2f} ms", f"{large / small:.2f}",
                            "met" if large / small <= 1.5 else "missed")
        console.print(scaling)
    lookups = Table(title=f"board lookups at {sizes[-1]:,} users (target p50 ≤ 2 ms)")
    for column in ("workload", "p50", "p99", ""):
        lookups.add_column(column)
    for r in results:
        if r.users == sizes[-1] and r.workload in ("leaderboard", "around_me"):
            lookups.add_row(r.workload, f"{r.p50_ms:.2f} ms", f"{r.p99_ms:.2f} ms", "met" if r.p50_ms <= 2 else "missed")
    console.print(lookups)
    data = Table(title="databases")
    for column in ("users", "size", "generated in", "on the all-time XP board"):
        data.add_column(column, justify="right")
    for size in sizes:
        f = facts[size]
        data.add_row(f"{size:,}", f"{f['bytes'] / 2**30:.2f} GiB",
                     f"{f['generated_seconds']:.0f} s" if "generated_seconds" in f else "(existed)", f"{f['ranked_users']:,}")
    console.print(data)
    batch = Table(title="batch jobs after the write workloads: seconds (entries written)")
    batch.add_column("job")
    for size in sizes:
        batch.add_column(f"{size:,} users", justify="right")
    for job in BATCH_JOBS:
        batch.add_row(job, *(f"{jobs[size][job]:.2f} ({facts[size][f'{job} wrote']:,})" for size in sizes))
    console.print(batch)
    if deploys:
        console.print(f"deploy of the whole plan: progflow {deploys['progflow']:.2f} s, sqitch {deploys['sqitch']:.2f} s: "
                      f"{deploys['sqitch'] / deploys['progflow']:.1f}× faster (target ≥ 5×)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", help="a superuser URI of the server to use (default: PROGFLOW_TARGET, "
                                         "DATABASE_URL, then the embedded server)")
    parser.add_argument("--users", default="10000,100000", help="sizes, comma-separated (default 10000,100000)")
    parser.add_argument("--profile", choices=("realistic", "uniform"), default="realistic",
                        help="the demo population (default realistic; see `progflow demo-data --help`)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=int, default=10, help="length of each pgbench run (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each workload, each after its baseline (default 3)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--explain", type=Path, help="also write the plans of every hot path (at the largest "
                                                     "size) to this Markdown file")
    args = parser.parse_args(argv)
    console = Console(width=160)  # the table is wide; a pipe would fold it to 80 columns
    server = resolve(args.target) if args.target or os.environ.get("PROGFLOW_TARGET") or os.environ.get(
        "DATABASE_URL") else embedded.start()
    sizes = [int(s) for s in args.users.split(",")]
    results, jobs, facts = [], {}, {}
    for users in sizes:
        size_results, jobs[users], facts[users] = run_size(server, users, args.clients, args.seconds, args.rounds,
                                                           console, args.profile)
        results += size_results
    if args.explain:
        suffix = "" if args.profile == "realistic" else f"_{args.profile}"
        args.explain.write_text(explain(with_dbname(server, f"progflow_bench_{sizes[-1]}{suffix}"), sizes[-1]))
    deploys = compare_deploys(server)
    report(results, jobs, facts, deploys, console)
    if args.json:
        args.json.write_text(json.dumps({"settings": {"clients": args.clients, "seconds": args.seconds,
                                                      "rounds": args.rounds, "profile": args.profile},
                                         "results": [asdict(r) | {"ratio": r.ratio} for r in results],
                                         "batch_jobs": jobs, "databases": facts, "deploy_seconds": deploys},
                                        indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
