"""Access logs never carry query strings: searches hold patient names (issue 17, finding 12)."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
PATIENT_NAME = "Zanzibar-Lovelace"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> int:
    request = urllib.request.Request(url, headers={"Host": "clinic.example.com", "X-Forwarded-Proto": "https"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_gunicorn_logs_the_path_but_not_the_search(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "clinic.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "WEB_CONCURRENCY": "1",
        "LOG_FORMAT": "plain",
    }
    server = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "healthcare_system.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status = None
        deadline = time.monotonic() + 30
        while status is None and time.monotonic() < deadline:
            try:
                status = _get(f"http://127.0.0.1:{port}/api/patients/?search={PATIENT_NAME}&ordering=name")
            except OSError:
                time.sleep(0.2)
        assert status == 401
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    access = [line for line in output.splitlines() if "gunicorn.access" in line]
    assert any(re.search(r'"GET /api/patients/ HTTP/1.1" 401', line) for line in access), output
    assert PATIENT_NAME not in output
    assert "search=" not in output


def test_nginx_logs_the_path_but_not_the_query():
    conf = (ROOT / "healthcare-frontend" / "nginx.conf").read_text()
    log_format = re.search(r"log_format with_request_id (.*?);", conf, flags=re.DOTALL).group(1)
    assert "$uri" in log_format
    for variable in ("$request ", '$request"', "$request_uri", "$args", "$query_string", "$arg_"):
        assert variable not in log_format, variable
