"""Time `progflow import-legacy` on a large, messy legacy export, and a second run of it.

    python benchmarks/legacy_import.py [--target URI] [--rows 1000000] [--users 100000] [--rounds 3]
                                       [--batch 1000] [--seed 1]

It writes two CSV files as the old system would export them (users with numeric ids; progress
rows of user, challenge slug, levels, XP), deterministic for a seed, with the usual mess in known
shares: repeated and conflicting rows, gaps in levels, unknown slugs, malformed arrays, negative
XP, users with bad emails. Each round imports them into a fresh database (a copy of a template
with the plan deployed and the catalogue seeded), then imports them again (every row already
present), and checks that the report accounts for every row. It prints the wall time of each run,
rows per second and the tool's peak memory (the input is streamed to the server, never held).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from psycopg import sql
from rich.console import Console
from rich.table import Table

from progflow import embedded, engine, project, seed
from progflow.target import resolve, with_dbname

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = "progflow_bench_legacy_template"
DATABASE = "progflow_bench_legacy"
# The mess, as shares of the progress rows (and of the users for bad emails).
MESS = {"repeat": 0.01, "conflict": 0.01, "gap": 0.005, "unknown_slug": 0.002, "bad_array": 0.002,
        "negative_xp": 0.001, "unmapped_user": 0.001, "bad_email": 0.005}


def write_inputs(directory: Path, rows: int, users: int, slugs: list[str], seed_value: int) -> dict[str, int]:
    """users.csv and progress.csv; returns how many rows of each kind of mess were written."""
    rng = random.Random(seed_value)
    made = dict.fromkeys(MESS, 0)
    with (directory / "users.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["user_id", "email", "username", "created_at"])
        for n in range(1, users + 1):
            bad = rng.random() < MESS["bad_email"]
            made["bad_email"] += bad
            out.writerow([1000 + n, f"learner{n}" if bad else f"learner{n}@old.example.org", f"learner_{n}",
                          f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"])
    with (directory / "progress.csv").open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["user_id", "problem_id", "completed_levels", "total_xp"])
        written = 0
        user = 0
        while written < rows:
            user = user % users + 1
            for slug in rng.sample(slugs, min(len(slugs), max(1, int(rng.paretovariate(1.2))))):
                if written >= rows:
                    break
                top = rng.randint(0, 5)
                levels, xp = list(range(1, top + 1)), top * rng.randint(80, 300)
                who = 1000 + user
                roll = rng.random()
                kind = next((k for k, share in _cumulative() if roll < share), None)
                if kind:
                    made[kind] += 1
                if kind == "gap" and top > 1:
                    levels = [top]
                elif kind == "unknown_slug":
                    slug = f"retired-{slug}"
                elif kind == "bad_array":
                    levels = "1;2"
                elif kind == "negative_xp":
                    xp = -xp - 1
                elif kind == "unmapped_user":
                    who = f"guest-{user}"
                array = levels if isinstance(levels, str) else "{" + ",".join(map(str, levels)) + "}"
                out.writerow([who, slug, array, xp])
                written += 1
                if kind in ("repeat", "conflict") and written < rows:
                    again = array if kind == "repeat" else "{" + ",".join(map(str, range(1, rng.randint(1, 5) + 1))) + "}"
                    out.writerow([who, slug, again, xp if kind == "repeat" else rng.randint(0, 1500)])
                    written += 1
    return made


def _cumulative():
    total = 0.0
    for kind in ("repeat", "conflict", "gap", "unknown_slug", "bad_array", "negative_xp", "unmapped_user"):
        total += MESS[kind]
        yield kind, total


def prepare_template(server: str) -> list[str]:
    """The template database (the plan deployed, the catalogue seeded), and the catalogue's slugs."""
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", (TEMPLATE,)).fetchone():
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(TEMPLATE)))
    with engine.Engine(project.load(ROOT), with_dbname(server, TEMPLATE)) as eng:
        eng.deploy()
        seed.load_and_apply(eng.conn, ROOT / "seed")
        return [r[0] for r in eng.conn.execute("select slug from progflow.challenges where is_active order by slug")]


def fresh_database(server: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(DATABASE)))
        conn.execute(sql.SQL("create database {} template {}").format(sql.Identifier(DATABASE),
                                                                       sql.Identifier(TEMPLATE)))
    return with_dbname(server, DATABASE)


def import_once(uri: str, directory: Path, batch: int, report: Path) -> tuple[float, int]:
    """Seconds of `progflow import-legacy` and its exit code (1: rows were rejected, as the mess means)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "progflow.cli", "import-legacy", "--target", uri,
                           "--progress", str(directory / "progress.csv"), "--users", str(directory / "users.csv"),
                           "--batch", str(batch), "--report", str(report), "--json"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"import-legacy failed ({done.returncode}): {done.stderr}")
    return seconds, done.returncode


def report_counts(report: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with report.open(newline="") as f:
        for row in csv.DictReader(f):
            key = f"{row['input']} {row['outcome']}"
            counts[key] = counts.get(key, 0) + 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", help="A server to create the databases on (default: the embedded server).")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    server = resolve(args.target) if args.target or os.environ.get("PROGFLOW_TARGET") or os.environ.get(
        "DATABASE_URL") else embedded.start()
    console = Console()
    slugs = prepare_template(server)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        made = write_inputs(directory, args.rows, args.users, slugs, args.seed)
        size = sum(p.stat().st_size for p in directory.glob("*.csv"))
        console.print(f"input: {args.rows:,} progress rows and {args.users:,} users, {size / 2**20:.0f} MiB; mess: {made}")
        for n in range(args.rounds):
            uri = fresh_database(server)
            first, _ = import_once(uri, directory, args.batch, directory / "first.csv")
            again, _ = import_once(uri, directory, args.batch, directory / "again.csv")
            counts, counts_again = report_counts(directory / "first.csv"), report_counts(directory / "again.csv")
            assert sum(counts.values()) == args.rows + args.users, counts
            assert not {k for k in counts_again if k.endswith(("imported", "merged"))}, counts_again
            results.append((first, again))
            console.print(f"round {n + 1}: import {first:.1f} s, again {again:.1f} s; {counts}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    table = Table("run", "median s", "min–max s", "rows/s (median)")
    for label, values in (("import", [r[0] for r in results]), ("second run", [r[1] for r in results])):
        median = statistics.median(values)
        table.add_row(label, f"{median:.1f}", f"{min(values):.1f}–{max(values):.1f}",
                      f"{(args.rows + args.users) / median:,.0f}")
    console.print(table)
    console.print(f"peak memory of the tool: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
