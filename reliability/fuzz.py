"""Schema fuzzing per role: schemathesis against the private stack's /swagger.json, as an
anonymous client, a patient, a doctor and an admin, with the checks not_a_server_error,
status_code_conformance and response_schema_conformance. Zero failures to pass.

    .venv/bin/python -m reliability.fuzz --work DIR --st PATH [--max-examples N]
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from .http import token
from .stack import Stack, log, stop_on_sigterm

CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"
# seed_demo's logins; the admin goes last, as its fuzzing may change the others' accounts.
ROLES = [
    ("anonymous", None),
    ("patient", ("alice", "Demo12345!")),
    ("doctor", ("dr.smith", "Demo12345!")),
    ("admin", ("admin", "Admin12345!")),
]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--st", required=True, help="the schemathesis executable (pinned, its own venv)")
    parser.add_argument("--pg-port", type=int, default=55434)
    parser.add_argument("--port", type=int, default=58002)
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--seconds-per-role", type=int, default=45)
    args = parser.parse_args()
    stop_on_sigterm()
    args.work = args.work.resolve()  # schemathesis runs in it, and writes its report there
    args.work.mkdir(parents=True, exist_ok=True)
    stack = Stack(args.work, pg_port=args.pg_port, redis_port=0, web_port=args.port, web_workers=2)
    stack.env["CELERY_BROKER_URL"] = ""  # notifications in-process: no Redis needed here
    figures = {}
    try:
        log("fuzz: starting a private PostgreSQL and gunicorn")
        stack.pg_init()
        stack.manage("migrate", "--noinput")
        stack.manage("seed_demo")
        stack.web_start()
        for role, login in ROLES:
            headers = ["-H", f"Authorization: Bearer {token(stack.base_url, *login)}"] if login else []
            report = args.work / f"st-{role}"
            log(f"fuzz: schemathesis as {role}")
            result = subprocess.run(
                [
                    args.st,
                    "run",
                    f"{stack.base_url}/swagger.json",
                    "--checks",
                    CHECKS,
                    "--max-examples",
                    str(args.max_examples),
                    "--seed",
                    str(args.seed),
                    "--workers",
                    "1",
                    "--phases",
                    "examples,coverage,fuzzing",
                    "--max-time",
                    str(args.seconds_per_role),
                    "--request-timeout",
                    "20",
                    "--report",
                    "junit",
                    "--report-dir",
                    str(report),
                    "--no-color",
                    *headers,
                ],
                capture_output=True,
                text=True,
                cwd=args.work,
            )
            (args.work / f"st-{role}.log").write_text(result.stdout + result.stderr)
            figures[role] = _junit_counts(report)
            log(f"  {role}: {figures[role]}")
    finally:
        stack.stop_all()
    figures["ok"] = len(figures) == len(ROLES) and all(
        f["operations"] > 0 and f["failures"] == 0 for f in figures.values()
    )
    (args.work / "fuzz.json").write_text(json.dumps(figures, indent=2))
    return 0 if figures["ok"] else 1


def _junit_counts(report: Path) -> dict:
    """Operations tested, check failures (what must be 0) and schemathesis' own errors.

    An "error" is the tool failing to generate a case (e.g. CPython 3.11's "AST constructor
    recursion depth mismatch" inside Hypothesis), not a finding about the API: counted apart.
    """
    cases = failures = errors = 0
    for junit in report.glob("*.xml"):
        for case in ElementTree.parse(junit).getroot().iter("testcase"):
            cases += 1
            failures += bool(case.findall("failure"))
            errors += bool(case.findall("error"))
    return {"operations": cases, "failures": failures, "tool_errors": errors}


if __name__ == "__main__":
    sys.exit(main())
