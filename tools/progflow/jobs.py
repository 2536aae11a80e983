"""The game's scheduled work: the schedule in `progflow.jobs`, run by pg_cron or by the runner here.

The schedule is data in the schema. Both runners call `progflow.run_job(name)`, which takes the
job's lock, runs it and logs the outcome in `job_runs`; what one runner did, the other sees.
When a job is next due follows from its cron schedule (UTC) and its last start, which croniter
reads; SQL has no cron parser, so nothing stores it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property

import psycopg
from croniter import croniter
from psycopg import sql
from psycopg.rows import dict_row

from . import connection
from .errors import TargetError, UsageError
from .target import with_dbname

RUNNER = f"{connection.APPLICATION} jobs"  # the application_name job_runs.runner records
GRACE = timedelta(minutes=10)  # how late a job may start before `status` calls it overdue
MAX_SLEEP = 60.0  # the loop reads the schedule again at least this often (seconds)
RETRY = 30.0  # seconds between tries while the database cannot be reached
CRON_PREFIX = "progflow"  # pg_cron job names: progflow:<database>:<job>

STATUS_QUERY = """
select s.name, s.schedule, s.enabled, s.description, j.created_at, s.last_started_at, s.last_finished_at,
       s.last_outcome, s.last_result, s.last_error_code, s.last_error, s.last_succeeded_at, s.failures,
       s.running, now() as now
  from progflow.job_status s
  join progflow.jobs j on j.name = s.name
 order by s.name
"""


@dataclass
class Job:
    """One job as job_status shows it, with what follows from its schedule at `now`."""

    name: str
    schedule: str
    enabled: bool
    description: str
    created_at: datetime
    last_started_at: datetime | None
    last_finished_at: datetime | None
    last_outcome: str | None
    last_result: str | None
    last_error_code: str | None
    last_error: str | None
    last_succeeded_at: datetime | None
    failures: int
    running: bool
    now: datetime

    @cached_property
    def next_due(self) -> datetime | None:
        """The first scheduled time after the last start (after the job was added, if it never ran)."""
        if not croniter.is_valid(self.schedule):
            return None
        reference = (self.last_started_at or self.created_at).astimezone(UTC)
        return croniter(self.schedule, reference).get_next(datetime)

    @property
    def due(self) -> bool:
        """Whether a runner should run it now: enabled, not running, never run or past its time."""
        if not self.enabled or self.running or self.next_due is None:
            return False
        return self.last_started_at is None or self.next_due <= self.now

    def state(self, grace: timedelta = GRACE) -> str:
        """disabled, running, invalid schedule, failing, overdue, never run or ok."""
        if not self.enabled:
            return "disabled"
        if self.running:
            return "running"
        if self.next_due is None:
            return "invalid schedule"
        if self.last_outcome == "failed":
            return "failing"
        if self.now > self.next_due + grace:
            return "overdue"
        return "never run" if self.last_started_at is None else "ok"

    def as_dict(self, grace: timedelta = GRACE) -> dict:
        data = asdict(self)
        data.pop("now")
        state = self.state(grace)
        data.update(next_due=self.next_due, state=state, problem=problem(state))
        return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in data.items()}


def problem(state: str) -> bool:
    """Whether a state needs someone's attention (`jobs status --exit-code` exits 1)."""
    return state in ("invalid schedule", "failing", "overdue")


def connect(uri: str) -> psycopg.Connection:
    """A session for running jobs, named so that job_runs.runner says who ran them."""
    return connection.connect(uri, purpose="jobs")  # application_name RUNNER


def load(conn: psycopg.Connection) -> list[Job]:
    """Every job of the schedule with the state of its runs."""
    with conn.cursor(row_factory=dict_row) as cur:
        try:
            cur.execute(STATUS_QUERY)
        except psycopg.errors.UndefinedTable as exc:
            raise UsageError("this database has no job schedule (progflow.job_status is missing)",
                             hint="Deploy the project first: progflow deploy.") from exc
        return [Job(**row) for row in cur.fetchall()]


def run_job(conn: psycopg.Connection, name: str, seen: Job | None = None) -> dict:
    """Run one job now through progflow.run_job; its job_runs row.

    With `seen` (the job as this runner saw it when it found it due), a run that another runner
    started since is not repeated: the call logs a skip.
    """
    unless = None if seen is None else (seen.last_started_at or "-infinity")
    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute("select * from progflow.run_job(%s, %s::timestamptz)", (name, unless))
        return cur.fetchone()


def run_due(conn: psycopg.Connection, names: Iterable[str] = (),
            report: Callable[[dict], None] = lambda run: None) -> list[dict]:
    """Run every job that is due now, or the jobs named (due or not), in name order; their runs."""
    jobs = load(conn)
    wanted = set(names)
    unknown = wanted - {job.name for job in jobs}
    if unknown:
        raise UsageError(f"no job named {', '.join(sorted(unknown))}",
                         hint="The jobs are: " + ", ".join(job.name for job in jobs) + ".")
    runs = []
    for job in jobs:
        if job.name in wanted:
            runs.append(run_job(conn, job.name))
        elif not wanted and job.due:
            runs.append(run_job(conn, job.name, seen=job))
        else:
            continue
        report(runs[-1])
    return runs


def seconds_to_next(conn: psycopg.Connection) -> float:
    """How long the loop may sleep: until the next job is due, at most MAX_SLEEP."""
    jobs = [job for job in load(conn) if job.enabled and job.next_due is not None]
    if not jobs:
        return MAX_SLEEP
    wait = min((job.next_due - job.now).total_seconds() for job in jobs)
    return min(max(wait, 1.0), MAX_SLEEP)


def loop(uri: str, stop: threading.Event, report: Callable[[dict], None],
         trouble: Callable[[str], None]) -> None:
    """Run what is due, sleep until the next job is due; until `stop` is set.

    A job that fails is logged and runs again when next due; a database that cannot be reached is
    tried again every RETRY seconds. `stop` is checked between jobs: a job that has started ends.
    """
    while not stop.is_set():
        try:
            with connect(uri) as conn:
                run_due(conn, report=report)
                wait = seconds_to_next(conn)
        except (psycopg.OperationalError, TargetError) as exc:
            trouble(f"cannot reach the database, trying again in {RETRY:.0f}s: {str(exc).strip().splitlines()[0]}")
            wait = RETRY
        stop.wait(wait)


# pg_cron ---------------------------------------------------------------------------------------


def cron_job_name(database: str, job: str) -> str:
    name = f"{CRON_PREFIX}:{database}:{job}"
    if len(name.encode()) > 63:
        raise UsageError(f"the pg_cron job name {name!r} is longer than 63 bytes",
                         hint="pg_cron names jobs with PostgreSQL names; use a shorter database or job name.")
    return name


@contextlib.contextmanager
def cron_session(conn: psycopg.Connection, uri: str) -> Iterator[tuple[psycopg.Connection, str, dict[str, dict]]]:
    """The session where pg_cron keeps its jobs (cron.database_name, on this server), the progflow
    database's name, and its jobs already in cron.job; a session opened for it is closed after."""
    database = conn.execute("select current_database()").fetchone()[0]
    cron_database = conn.execute("select current_setting('cron.database_name', true)").fetchone()[0]
    if not cron_database:
        raise UsageError("pg_cron is not loaded on this server",
                         hint="Add pg_cron to shared_preload_libraries (Debian: apt-get install postgresql-15-cron) "
                              "and restart the server, or run the jobs with `progflow jobs run --loop`.")
    with contextlib.ExitStack() as stack:
        cron = conn
        if cron_database != database:
            cron = stack.enter_context(connection.connect(with_dbname(uri, cron_database), purpose="jobs"))
        if not cron.execute("select 1 from pg_catalog.pg_extension where extname = 'pg_cron'").fetchone():
            try:
                cron.execute("create extension pg_cron")
            except psycopg.errors.InsufficientPrivilege as exc:
                raise UsageError(f"pg_cron is loaded but not created in database {cron_database}",
                                 hint=f"As a superuser: create extension pg_cron; in database {cron_database}, "
                                      "then grant usage on schema cron to the role that installs the jobs.") from exc
        rows = cron.execute(
            "select jobid, jobname, schedule, command, active from cron.job"
            " where username = current_user and database = %s and jobname like %s",
            (database, f"{CRON_PREFIX}:{database}:%")).fetchall()
        installed = {row[1].rsplit(":", 1)[1]: dict(jobid=row[0], schedule=row[2], command=row[3], active=row[4])
                     for row in rows}
        yield cron, database, installed


def install(conn: psycopg.Connection, uri: str) -> list[tuple[str, str]]:
    """Schedule every enabled job in pg_cron and unschedule the others; what was done, per job."""
    jobs = load(conn)
    done = []
    with cron_session(conn, uri) as (cron, database, installed):
        for job in jobs:
            if not job.enabled:
                continue
            if job.next_due is None:
                raise UsageError(f"job {job.name} has a schedule cron cannot read: {job.schedule!r}",
                                 hint="Correct it in progflow.jobs, then install again.")
            command = sql.SQL("select progflow.run_job({})").format(sql.Literal(job.name)).as_string(conn)
            current = installed.get(job.name)
            if current and (current["schedule"], current["command"], current["active"]) == (job.schedule, command, True):
                done.append((job.name, "unchanged"))
                continue
            if current:
                cron.execute("select cron.unschedule(%s)", (current["jobid"],))
            cron.execute("select cron.schedule_in_database(%s, %s, %s, %s)",
                         (cron_job_name(database, job.name), job.schedule, command, database))
            done.append((job.name, "updated" if current else "scheduled"))
        enabled = {job.name for job in jobs if job.enabled}
        for name, current in sorted(installed.items()):
            if name not in enabled:
                cron.execute("select cron.unschedule(%s)", (current["jobid"],))
                done.append((name, "unscheduled"))
    return done


def uninstall(conn: psycopg.Connection, uri: str) -> list[str]:
    """Unschedule this database's progflow jobs from pg_cron; the names removed."""
    with cron_session(conn, uri) as (cron, _, installed):
        for current in installed.values():
            cron.execute("select cron.unschedule(%s)", (current["jobid"],))
    return sorted(installed)
