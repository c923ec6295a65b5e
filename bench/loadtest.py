"""The load benchmark behind `make bench` (see bench/README.md): gunicorn + PostgreSQL + Redis,
wrk against each hot endpoint, and every figure as a ratio to a reference measured in the
same run.

    bench/run                 # small data: 40 doctors, 200 patients, 400 appointments
    bench/run --smoke         # ~2 s per scenario (CI: keeps the benchmark from rotting)
    bench/run --large         # 500 doctors, 50 000 patients, 1 000 000 appointments
    bench/run --no-broker     # no Celery broker: notifications go out from the web process

Load goes to 127.0.0.1 only, every wrk run is bounded by its duration (and a timeout), and the
database (``hc_bench_run`` unless BENCH_DB says otherwise) is dropped and created afresh.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PG = "postgres://postgres@127.0.0.1:5432"

SMALL = ["--doctors", "40", "--patients", "200", "--appointments", "400"]
LARGE = ["--doctors", "500", "--patients", "50000", "--appointments", "1000000"]
# name, label, request file, how wrk deals the lines out
SCENARIOS = [
    ("search", "doctor search (specialty, available_on, next_available)", "search.tsv", "shared"),
    ("slots", "slots, 4 weeks", "slots.tsv", "shared"),
    ("appointments", "a patient's appointments (20)", "appointments.tsv", "shared"),
    ("booking", "booking distinct free slots", "booking.tsv", "split"),
    # The search again, while other connections book: every booking changes the search's
    # answer, so this shows the search when its whole answer cannot be reused.
    ("search+booking", "doctor search while patients book", "search.tsv", "shared"),
]
# The bookings that run beside the search in "search+booking" (their own slots).
BESIDE = ("booking beside", "bookings beside the search", "booking-beside.tsv", "split")
BESIDE_CONNECTIONS = 4
REFERENCE = ("reference", "reference (bare DRF + JWT, 20 rows)", "reference.tsv", "shared")


def log(message: str) -> None:
    print(f"--- {message}", flush=True)


def free_port(first: int, last: int) -> int:
    for port in range(first, last + 1):
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {first}-{last}")


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
    )


def wrk(
    base: str,
    scenario: tuple,
    work: Path,
    *,
    seconds: float,
    args,
    file: str | None = None,
    connections: int | None = None,
) -> dict:
    name, _, default_file, mode = scenario
    cmd = [
        "wrk",
        f"-t{args.threads}",
        f"-c{connections or args.connections}",
        f"-d{max(1, round(seconds))}s",
        "--timeout",
        "5s",
        "-s",
        str(ROOT / "bench" / "scenario.lua"),
        base,
        "--",
        str(work / (file or default_file)),
        mode,
        str(args.threads),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 30, check=False)
    line = next((line for line in out.stdout.splitlines() if line.startswith("BENCH ")), None)
    if out.returncode or line is None:
        raise SystemExit(f"wrk failed for {name}:\n{out.stdout}\n{out.stderr}")
    result = json.loads(line.removeprefix("BENCH "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _beside_bookings(base: str, scenario: tuple, work: Path, args) -> tuple[dict, dict]:
    """The scenario's wrk with fewer connections, and BESIDE's bookings on the rest, at once."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        booking = pool.submit(wrk, base, BESIDE, work, seconds=args.duration, args=args, connections=BESIDE_CONNECTIONS)
        search = wrk(
            base,
            scenario,
            work,
            seconds=args.duration,
            args=args,
            connections=max(args.threads, args.connections - BESIDE_CONNECTIONS),
        )
        return search, booking.result()


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="~2 s per scenario, no warm-up to speak of")
    parser.add_argument("--large", action="store_true", help="500 doctors, 50 000 patients, 1 000 000 appointments")
    parser.add_argument("--no-broker", action="store_true", help="no Celery broker (as `make run`)")
    parser.add_argument("--duration", type=float, default=15, help="seconds per scenario (default 15)")
    parser.add_argument("--warmup", type=float, default=3, help="seconds of warm-up per scenario (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16)")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--only", help="comma-separated scenario names (default all)")
    parser.add_argument("--keep", action="store_true", help="keep the server and database after the run")
    parser.add_argument(
        "--reuse-data", action="store_true", help="keep the database of an earlier run (no drop, no seed_demo)"
    )
    args = parser.parse_args()
    if args.smoke:
        args.duration, args.warmup = 2, 1
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (bench/run installs it)")

    db = os.environ.get("BENCH_DB", "hc_bench_large" if args.large else "hc_bench_run")
    port = int(os.environ.get("BENCH_PORT", 0)) or free_port(18100, 18199)
    redis_url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11")
    work = Path(tempfile.mkdtemp(prefix="bench."))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{db}",
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "SECURE_HSTS_SECONDS": "0",
        "RATE_LIMITS_ENABLED": "false",
        "CELERY_BROKER_URL": "" if args.no_broker else redis_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "SMS_BACKEND": "file",
        "SMS_FILE_PATH": str(work / "sms"),
        "LOG_FORMAT": "plain",
        "LOG_LEVEL": "WARNING",
        "ACCESS_TOKEN_LIFETIME": "7200",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(args.workers),
        # Worker recycling (1000 requests by default) would restart a worker every few seconds
        # under this load: a cost of the load test, not of the endpoints.
        "GUNICORN_MAX_REQUESTS": os.environ.get("GUNICORN_MAX_REQUESTS", "0"),
    }
    env.pop("DATABASE_REPLICA_URL", None)
    unbounded = {**env, "DATABASE_STATEMENT_TIMEOUT": "0", "DATABASE_LOCK_TIMEOUT": "0"}

    started = time.monotonic()
    if not args.reuse_data:
        log(f"fresh database {db}")
        psql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        psql(f'CREATE DATABASE "{db}"')
    run([PY, "manage.py", "migrate", "--noinput", "-v", "0"], env)
    if not args.reuse_data:
        log("seed_demo " + " ".join(LARGE if args.large else SMALL))
        run([PY, "manage.py", "seed_demo", *(LARGE if args.large else SMALL)], env, stdout=subprocess.DEVNULL)
    if not args.no_broker:
        run(["redis-cli", "-u", redis_url, "FLUSHDB"], env, stdout=subprocess.DEVNULL)
    facts = json.loads(
        # Unbounded, as management commands are: on the large data its bulk reads take seconds.
        run(
            [PY, "bench/prepare.py", "requests", str(work)], unbounded, capture_output=True, text=True
        ).stdout.splitlines()[-1]
    )
    log(f"data ready ({time.monotonic() - started:.0f} s): {facts}")

    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "gunicorn.conf.py", "healthcare_system.wsgi"],
        env=env,
        cwd=ROOT,
        stdout=open(work / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the process)
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    ok = False
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/healthz/", timeout=2).read()
                break
            except OSError:
                if server.poll() is not None:
                    raise SystemExit("gunicorn exited:\n" + (work / "gunicorn.log").read_text()) from None
                time.sleep(0.5)
        log(f"gunicorn ({args.workers} workers) on {base}, broker {'none' if args.no_broker else redis_url}")

        chosen = SCENARIOS
        if args.only:
            chosen = [s for s in SCENARIOS if s[0] in args.only.split(",")]
        loads, results = [], []
        for scenario in [REFERENCE, *chosen, REFERENCE]:
            warmup_file = "booking-warmup.tsv" if scenario[0] == "booking" else None
            wrk(base, scenario, work, seconds=args.warmup, args=args, file=warmup_file)
            if scenario[0] == "search+booking":
                result, beside = _beside_bookings(base, scenario, work, args)
                scenario = (scenario[0], f"{scenario[1]} ({beside['rps']:.0f} bookings/s)", *scenario[2:])
                results.append((BESIDE, beside))
            else:
                result = wrk(base, scenario, work, seconds=args.duration, args=args)
            loads.append(load_average())
            results.append((scenario, result))
            log(f"{scenario[0]}: {result['rps']:.0f} req/s, non-2xx {result['non2xx']} {result['statuses'] or ''}")
        check = json.loads(run([PY, "bench/prepare.py", "overlaps"], unbounded, capture_output=True, text=True).stdout)
        ok = print_table(results, check, loads, args)
    finally:
        if args.keep:
            log(f"kept: gunicorn pid {server.pid} on {base}, database {db}, files {work}")
        else:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
            if not args.no_broker:
                subprocess.run(["redis-cli", "-u", redis_url, "FLUSHDB"], stdout=subprocess.DEVNULL, check=False)
            if ok:
                shutil.rmtree(work, ignore_errors=True)
            else:
                log(f"files kept in {work} (gunicorn.log)")
    return 0 if ok else 1


def print_table(results: list, check: dict, loads: list[str], args) -> bool:
    first, last = results[0][1]["rps"], results[-1][1]["rps"]
    reference = (first + last) / 2
    rows = [("scenario", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "timeouts", "ratio")]
    for (_, label, *_), r in results:
        rows.append(
            (
                label,
                f"{r['rps']:.0f}",
                f"{r['p50_us'] / 1000:.1f}",
                f"{r['p95_us'] / 1000:.1f}",
                f"{r['p99_us'] / 1000:.1f}",
                str(r["non2xx"]),
                str(r["socket_errors"]),
                f"{r['rps'] / reference:.2f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print()
    print(
        f"wrk -t{args.threads} -c{args.connections}, {args.duration:g} s per scenario after {args.warmup:g} s "
        f"of warm-up; {args.workers} gunicorn workers; {os.cpu_count()} CPUs; load average {loads[0]} .. {loads[-1]}"
    )
    for i, row in enumerate(rows):
        print(
            "| "
            + " | ".join(
                cell.ljust(w) if j == 0 else cell.rjust(w) for j, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
            + " |"
        )
        if i == 0:
            print("|" + "|".join("-" * (w + 1) + ("-" if j == 0 else ":") for j, w in enumerate(widths)) + "|")
    spread = abs(first - last) / reference
    print(f"reference: {first:.0f} req/s first, {last:.0f} last, mean {reference:.0f}")
    if spread > 0.15:
        print(f"WARNING: the two reference runs differ by {spread:.0%} (> 15 %): the machine's load changed; rerun.")
    overlaps = check["overlaps"]
    print(
        f"after booking: {check['bench_bookings']} bench bookings, overlapping active appointments: "
        f"{overlaps['doctor']} per doctor, {overlaps['patient']} per patient"
    )
    errors = sum(r["non2xx"] + r["socket_errors"] for _, r in results)
    if overlaps["doctor"] or overlaps["patient"]:
        print("FAILED: overlapping appointments")
        return False
    if errors:
        print(f"NOTE: {errors} requests were not 2xx (see the table)")
    return True


if __name__ == "__main__":
    sys.exit(main())
