"""The test harness itself: a server counts as started when it accepts connections, and one that
does not start fails in one line and leaves nothing behind."""

import glob
import socket
import tempfile
import threading
import uuid
from pathlib import Path

import pytest


@pytest.fixture
def harness(request):
    """tests/conftest.py as pytest loaded it (`import conftest` finds this folder's conftest)."""
    path = Path(__file__).resolve().parents[1] / "conftest.py"
    for plugin in request.config.pluginmanager.get_plugins():
        if getattr(plugin, "__file__", None) and Path(plugin.__file__).resolve() == path:
            return plugin
    pytest.fail(f"{path} is not loaded")


@pytest.fixture
def bindir(harness, request):
    """A PostgreSQL bin directory the harness can start: the first server's, or (with --pg-dsn, where the
    harness starts none) Debian's or the wheel's."""
    found = request.config.progflow_servers[0][1] or next(iter(harness._default_bins()), None)
    if found is None:
        pytest.fail("the harness tests need a PostgreSQL to start: apt-get install postgresql-15", pytrace=False)
    return found


def test_a_server_that_cannot_start_fails_in_one_line_once(harness, bindir, request, monkeypatch):
    """It is stopped, its scratch directory removed, and it is not started again for the next test."""
    start, started = harness._start, []

    def start_broken(name, bindir, options="", clock=False):
        started.append(name)
        return start(name, bindir, "-c no_such_setting=1", clock)

    monkeypatch.setattr(harness, "_start", start_broken)
    name = f"broken{uuid.uuid4().hex[:8]}"
    servers = harness.Servers(request.config)
    servers.specs = {name: bindir}
    messages = []
    for _ in range(2):
        with pytest.raises(pytest.fail.Exception) as info:
            servers.get(name)
        messages.append(str(info.value))
    assert started == [name] and messages[0] == messages[1] and name not in servers.running
    assert "\n" not in messages[0] and f"server {name} did not start" in messages[0], messages[0]
    assert "no_such_setting" in messages[0], messages[0]  # quoted from the end of its server.log
    assert glob.glob(f"{tempfile.gettempdir()}/progflow-{name}-*") == []


def test_an_open_port_is_not_a_ready_server(harness, bindir, pg):
    """What the executor alone would accept: a port that opens but never answers as PostgreSQL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def accept_and_drop():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                listener.accept()[0].close()
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_drop, daemon=True)
    thread.start()
    try:
        with pytest.raises(TimeoutError, match="not accepting connections"):
            harness._wait_ready(bindir, "127.0.0.1", listener.getsockname()[1], "postgres", timeout=1)
    finally:
        stop.set()
        thread.join()
        listener.close()
    harness._wait_ready(bindir, pg.host, pg.port, pg.user, timeout=5)  # the real server is ready
