"""A private stack for the fault suite and the load run: its own PostgreSQL cluster and Redis
on their own ports (the shared 5432/6379 are never touched), gunicorn, a Celery worker and beat.

Every process is started here and stopped here, by its own pid.
"""

import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PG_BIN = Path(subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip() or "/usr/bin")


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; CI runs as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _wait(check, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout} s")


class Stack:
    def __init__(self, work: Path, *, pg_port: int, redis_port: int, web_port: int, web_workers: int = 3):
        self.work, self.pg_port, self.redis_port, self.web_port = work.resolve(), pg_port, redis_port, web_port
        self.web_workers = web_workers
        self.pg_data = self.work / "pg"
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: list = []
        self.base_url = f"http://127.0.0.1:{web_port}"
        self.env = {
            **os.environ,
            "DEBUG": "false",
            "SECRET_KEY": "reliability-" + secrets.token_urlsafe(48),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SESSION_COOKIE_SECURE": "false",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_HSTS_SECONDS": "0",
            "RATE_LIMITS_ENABLED": "false",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{pg_port}/healthcare",
            "CELERY_BROKER_URL": f"redis://127.0.0.1:{redis_port}/0",
            "CACHE_URL": "locmemcache://",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(work / "mail"),
            "SMS_BACKEND": "reliability.journal_sms.JournalSmsBackend",
            "SMS_FILE_PATH": str(work / "sms"),
            # The suite's clock: short lease and sweep so a crash is recovered in seconds.
            "NOTIFICATIONS_SENDING_LEASE_SECONDS": "6",
            "NOTIFICATIONS_SWEEP_AFTER_SECONDS": "3",
            "NOTIFICATIONS_SWEEP_INTERVAL_SECONDS": "2",
            "NOTIFICATIONS_RETRY_BACKOFF_SECONDS": "2",
            "LOG_FORMAT": "plain",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "healthcare_system.settings",
        }

    # --- PostgreSQL -------------------------------------------------------------------------

    def pg_init(self) -> None:
        if self.pg_data.exists():
            shutil.rmtree(self.pg_data)
        self.pg_data.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.work, "postgres")
            shutil.chown(self.pg_data, "postgres")
        subprocess.run(
            _as_postgres(
                [str(PG_BIN / "initdb"), "-D", str(self.pg_data), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
            ),
            check=True,
            capture_output=True,
        )
        self.pg_start()
        subprocess.run(
            [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres", "healthcare"],
            check=True,
        )

    def pg_start(self) -> None:
        options = (
            f"-p {self.pg_port} -k {self.pg_data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        subprocess.run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(self.pg_data),
                    "-o",
                    options,
                    "-l",
                    str(self.work / "pg.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
        )

    def pg_stop(self) -> None:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )

    def _pg_pids(self) -> list[int]:
        postmaster = int((self.pg_data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(postmaster)], capture_output=True, text=True).stdout.split()
        return [postmaster, *map(int, children)]

    def pg_freeze(self) -> list[int]:
        """SIGSTOP the server and every backend: connections stay open, nothing answers."""
        pids = self._pg_pids()
        for pid in pids:
            os.kill(pid, signal.SIGSTOP)
        return pids

    def pg_thaw(self, pids: list[int]) -> None:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)

    # --- Redis ------------------------------------------------------------------------------

    def redis_start(self) -> None:
        self.procs["redis"] = subprocess.Popen(
            ["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=self._logfile("redis"),
            stderr=subprocess.STDOUT,
        )
        _wait(
            lambda: (
                subprocess.run(
                    ["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True, text=True
                ).stdout.strip()
                == "PONG"
            ),
            "redis",
        )

    def redis_stop(self) -> None:
        self._stop("redis")

    # --- The application --------------------------------------------------------------------

    def prepare(self) -> None:
        """A private PostgreSQL and Redis with a migrated, seeded database, and Django set up
        in this process against them (for the harness's own checks in SQL)."""
        self.pg_init()
        self.redis_start()
        self.manage("migrate", "--noinput")
        self.manage("seed_demo")
        os.environ.update(self.env)
        import django

        django.setup()

    def serve(self) -> None:
        """gunicorn, a Celery worker and beat."""
        self.web_start()
        self.worker_start()
        self.beat_start()

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [str(VENV_BIN / "python"), "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def web_start(self) -> None:
        env = {**self.env, "PORT": str(self.web_port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(self.web_workers)}
        self.procs["web"] = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "-c", "gunicorn.conf.py", "healthcare_system.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=self._logfile("gunicorn"),
            stderr=subprocess.STDOUT,
        )
        _wait(self._web_up, "gunicorn")

    def _web_up(self) -> bool:
        try:
            with urlopen(f"{self.base_url}/healthz/", timeout=5) as response:
                return response.status == 200
        except (URLError, OSError):
            return False

    def web_pids(self) -> set[int]:
        web = self.procs["web"].pid
        children = subprocess.run(["pgrep", "-P", str(web)], capture_output=True, text=True).stdout.split()
        return {web, *map(int, children)}

    def worker_start(self, slow_sms_seconds: float = 0) -> None:
        env = {**self.env, "RELIABILITY_SMS_SLOW_SECONDS": str(slow_sms_seconds)}
        self.procs["worker"] = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "healthcare_system",
                "worker",
                "-c",
                "1",
                "-l",
                "warning",
                "--without-mingle",
                "--without-gossip",
                "-n",
                f"reliability-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._logfile("worker"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def worker_kill(self) -> None:
        """SIGKILL the worker and its pool processes at once: no cleanup, no ack."""
        worker = self.procs.pop("worker")
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()

    def beat_start(self) -> None:
        self.procs["beat"] = subprocess.Popen(
            [
                str(VENV_BIN / "celery"),
                "-A",
                "healthcare_system",
                "beat",
                "-l",
                "warning",
                "-s",
                str(self.work / "beat-schedule"),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self._logfile("beat"),
            stderr=subprocess.STDOUT,
        )

    def _logfile(self, name: str):
        # Open for the process's whole life; closed with the stack.
        handle = open(self.work / f"{name}.log", "a")  # noqa: SIM115
        self.logs.append(handle)
        return handle

    def _stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def stop_all(self) -> None:
        for name in ("web", "beat", "redis"):
            self._stop(name)
        if "worker" in self.procs:
            os.killpg(self.procs["worker"].pid, signal.SIGTERM)
            self._stop("worker")
        with contextlib.suppress(OSError, ValueError):
            self.pg_thaw(self._pg_pids())
        self.pg_stop()
        for handle in self.logs:
            handle.close()


def stop_on_sigterm() -> None:
    """A TERM (a timeout, Ctrl-C in make) unwinds through ``finally``: the stack is stopped."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def log(message: str) -> None:
    print(message, flush=True)
    sys.stdout.flush()
