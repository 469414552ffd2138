"""A throwaway PostgreSQL server for the store tests (Debian's postgresql binaries, trust auth, loopback only)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path


class NoPostgres(RuntimeError):
    """No server could be started here; the message says why."""


def _binary(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise NoPostgres(f"PostgreSQL's {name} is not installed (apt-get install -y postgresql)")
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start() -> tuple[str, Callable[[], None]]:
    """(URL, stop) of a fresh server; ``ZHEZ_TEST_PG_URL`` points at an existing one instead."""
    if os.environ.get("ZHEZ_TEST_PG_URL"):
        return os.environ["ZHEZ_TEST_PG_URL"], lambda: None
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    base = Path(tempfile.mkdtemp(prefix="zhez-pg-"))
    data = base / "data"
    prefix: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as its own user
        user = "postgres" if _user_exists("postgres") else "nobody"
        base.chmod(0o755)
        shutil.chown(base, user)
        prefix = ["runuser", "-u", user, "--"]
    port = _free_port()
    try:
        subprocess.run([*prefix, initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync"],
                       check=True, capture_output=True)  # fmt: skip
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-o", options, "-w", "-t", "60", "-l", str(base / "log"), "start"],
                       check=True, capture_output=True)  # fmt: skip
    except (subprocess.CalledProcessError, OSError) as error:
        shutil.rmtree(base, ignore_errors=True)
        detail = getattr(error, "stderr", b"") or b""
        raise NoPostgres(f"could not start PostgreSQL: {error} {detail.decode(errors='replace')[-300:]}") from None

    def stop() -> None:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)

    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", stop


def _user_exists(name: str) -> bool:
    try:
        import pwd

        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def empty(url: str) -> None:
    """Drop everything a previous test left in the shared server's database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
