"""Deployment: the compose stack, production settings, gunicorn, request ids and JSON logs.

No Docker engine runs here, so the compose file and manifests are checked as data, and the
production settings and gunicorn config are exercised in subprocesses, as a container would.
"""

import io
import json
import logging
import os
import re
import secrets
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured

from healthcare_system.logging import JsonFormatter, RequestIdFilter, init_sentry, request_id_var

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
BACKEND_SERVICES = ("web", "worker", "beat")


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _documented_variables():
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^\s*#?\s*([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def _production_env(**overrides):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SENTRY_", "JWT_"))}
    env.update(
        {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "clinic.example.com",
            "LOG_FORMAT": "json",
        }
    )
    env.update(overrides)
    return env


def _run(args, env, timeout=60):
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


# --- docker-compose.yml ------------------------------------------------------------------


def test_compose_defines_the_whole_stack():
    services = _compose()["services"]
    assert {"db", "redis", "web", "worker", "beat", "frontend"} <= set(services)
    assert services["db"]["image"].startswith("postgres:16")
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])


@pytest.mark.parametrize("name", ["db", "redis", "web"])
def test_compose_services_have_healthchecks(name):
    healthcheck = _compose()["services"][name]["healthcheck"]
    assert healthcheck["test"]
    assert "disable" not in healthcheck


def test_web_migrates_then_serves_with_gunicorn_and_is_probed_on_healthz():
    web = _compose()["services"]["web"]
    command = " ".join(web["command"])
    assert command.index("migrate --noinput") < command.index("gunicorn -c gunicorn.conf.py")
    assert "/healthz/" in " ".join(web["healthcheck"]["test"])
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert web["depends_on"]["redis"]["condition"] == "service_healthy"


def test_worker_and_beat_run_celery_and_beat_is_never_replicated():
    services = _compose()["services"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "healthcare_system", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "healthcare_system", "beat"]
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1


def test_only_the_frontend_publishes_a_port():
    services = _compose()["services"]
    published = {name: service["ports"] for name, service in services.items() if service.get("ports")}
    assert list(published) == ["frontend"]
    assert published["frontend"][0].endswith(":80")


def test_backend_services_are_configured_from_env_example_and_point_at_compose_services():
    services = _compose()["services"]
    for name in BACKEND_SERVICES:
        service = services[name]
        env_files = [entry["path"] if isinstance(entry, dict) else entry for entry in service["env_file"]]
        assert ".env.example" in env_files
        environment = service["environment"]
        assert environment["DEBUG"] == "false"
        assert "@db:5432/" in environment["DATABASE_URL"]
        assert environment["CELERY_BROKER_URL"].startswith("redis://redis:6379/")
        assert environment["CACHE_URL"].startswith("redis://redis:6379/")


def test_every_variable_the_compose_file_uses_is_documented_in_env_example():
    raw = (ROOT / "docker-compose.yml").read_text()
    # ${VAR}, ${VAR:-default}, ${VAR:?error}; $${VAR} is a literal for the container's shell.
    used = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", raw))
    for service in _compose()["services"].values():
        environment = service.get("environment") or {}
        if isinstance(environment, list):
            environment = dict(item.split("=", 1) for item in environment)
        used |= set(environment)
    assert used, "the compose file should use variables"
    missing = sorted(used - _documented_variables())
    assert not missing, f"not documented in .env.example: {missing}"


def test_env_example_documents_every_gunicorn_and_sentry_variable():
    text = (ROOT / "gunicorn.conf.py").read_text() + (ROOT / "healthcare_system" / "settings.py").read_text()
    used = set(re.findall(r"""environ\.get\(['"]([A-Z][A-Z0-9_]*)""", text))
    used |= set(re.findall(r"""_int_env\(['"]([A-Z][A-Z0-9_]*)""", text))
    used |= {name for name in re.findall(r"""env\.\w+\(['"]([A-Z][A-Z0-9_]*)""", text) if name.startswith("SENTRY")}
    missing = sorted(used - _documented_variables())
    assert not missing, f"not documented in .env.example: {missing}"


def test_the_compose_entrypoint_replaces_the_placeholder_keys(tmp_path):
    shell = shutil.which("sh")
    if shell is None:
        pytest.skip("no POSIX shell")
    script = _compose()["x-backend"]["entrypoint"][2].replace("$$", "$")
    script = script.replace("/var/lib/healthcare", str(tmp_path))
    show = ["sh", "-c", 'echo "$SECRET_KEY|${JWT_SECRET_KEY-unset}"']
    base = {"PATH": os.environ["PATH"]}

    placeholder = {**base, "SECRET_KEY": "change-me-to-a-long-random-string", "JWT_SECRET_KEY": "change-me-too"}
    first = subprocess.run([shell, "-c", script, "--", *show], env=placeholder, capture_output=True, text=True)
    second = subprocess.run([shell, "-c", script, "--", *show], env=placeholder, capture_output=True, text=True)
    key, jwt = first.stdout.strip().split("|")
    assert len(key) >= 50 and jwt == "unset"
    assert second.stdout == first.stdout, "the generated key must survive a restart"

    own = {**base, "SECRET_KEY": "k" * 60, "JWT_SECRET_KEY": "j" * 60}
    mine = subprocess.run([shell, "-c", script, "--", *show], env=own, capture_output=True, text=True)
    assert mine.stdout.strip() == f"{'k' * 60}|{'j' * 60}"


# --- Production settings -------------------------------------------------------------------


def test_production_settings_pass_check_deploy():
    result = _run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("secret_key", ["", "change-me-to-a-long-random-string", "short"])
def test_app_refuses_to_start_without_a_real_secret_key(secret_key):
    result = _run([PYTHON, "manage.py", "check"], _production_env(SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "SECRET_KEY must be set to a long random value" in result.stderr


def test_app_refuses_to_start_with_the_placeholder_jwt_key():
    result = _run([PYTHON, "manage.py", "check"], _production_env(JWT_SECRET_KEY="change-me-too"))
    assert result.returncode != 0
    assert "JWT_SECRET_KEY must be a long random value" in result.stderr


def test_production_settings_harden_transport_and_cookies():
    code = (
        "from django.conf import settings as s; import json; print(json.dumps([s.SECURE_HSTS_SECONDS, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, list(s.SECURE_PROXY_SSL_HEADER), "
        "s.STORAGES['staticfiles']['BACKEND'], s.MIDDLEWARE[0]]))"
    )
    result = _run([PYTHON, "manage.py", "shell", "-c", code], _production_env())
    assert result.returncode == 0, result.stderr
    hsts, redirect, session_secure, csrf_secure, proxy_header, storage, first_middleware = json.loads(
        result.stdout.strip().splitlines()[-1]
    )
    assert hsts >= 31536000 and redirect and session_secure and csrf_secure
    assert proxy_header == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert storage == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert first_middleware == "healthcare_system.middleware.RequestIdMiddleware"


def test_production_logs_are_json_lines_on_stdout():
    code = "import logging; logging.getLogger('clinic').warning('slot taken', extra={'doctor_id': 7})"
    result = _run([PYTHON, "manage.py", "shell", "-c", code], _production_env())
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stdout.strip().splitlines()[-1])
    assert line["message"] == "slot taken"
    assert line["level"] == "WARNING"
    assert line["logger"] == "clinic"
    assert line["doctor_id"] == 7
    assert line["request_id"] == "-"
    assert "timestamp" in line


def test_an_unknown_log_format_is_refused():
    result = _run([PYTHON, "manage.py", "check"], _production_env(LOG_FORMAT="xml"))
    assert result.returncode != 0
    assert "LOG_FORMAT must be" in result.stderr


def test_sentry_is_optional_and_explains_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # "not installed"
    with pytest.raises(ImproperlyConfigured, match="pip install sentry-sdk"):
        init_sentry(dsn="https://key@sentry.example.com/1", environment="production", traces_sample_rate=0.0)


def test_sentry_never_sends_personal_data(monkeypatch):
    calls = []
    monkeypatch.setitem(sys.modules, "sentry_sdk", types.SimpleNamespace(init=lambda **kw: calls.append(kw)))
    init_sentry(dsn="https://key@sentry.example.com/1", environment="staging", traces_sample_rate=0.1)
    assert calls == [
        {
            "dsn": "https://key@sentry.example.com/1",
            "environment": "staging",
            "release": None,
            "traces_sample_rate": 0.1,
            "send_default_pii": False,
            "max_request_body_size": "never",
        }
    ]


# --- gunicorn ----------------------------------------------------------------------------


def test_gunicorn_config_loads():
    result = _run([GUNICORN, "--check-config", "-c", "gunicorn.conf.py", "healthcare_system.wsgi"], _production_env())
    assert result.returncode == 0, result.stdout + result.stderr


def _gunicorn_setting(name, **env):
    result = _run(
        [GUNICORN, "--print-config", "-c", "gunicorn.conf.py", "healthcare_system.wsgi"], _production_env(**env)
    )
    assert result.returncode == 0, result.stderr
    match = re.search(rf"^{name}\s+= (.+)$", result.stdout, flags=re.MULTILINE)
    return match.group(1).strip()


def test_gunicorn_workers_follow_cpu_count_capped_by_web_concurrency():
    default = (os.cpu_count() or 1) * 2 + 1
    assert int(_gunicorn_setting("workers")) == default
    assert int(_gunicorn_setting("workers", WEB_CONCURRENCY="1")) == 1
    assert int(_gunicorn_setting("workers", WEB_CONCURRENCY="1000")) == default


def test_gunicorn_binds_to_port_from_environment():
    assert _gunicorn_setting("bind", PORT="9123") == "['0.0.0.0:9123']"


def test_gunicorn_access_lines_are_json_with_the_request_id():
    atoms = {"m": "GET", "U": "/api/doctors/", "s": "200", "M": 12, "B": 345, "h": "10.0.0.1", "a": "curl"}
    atoms["{x-request-id}o"] = "req-42"
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(m)s %(U)s", (atoms,), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == "req-42"
    assert (line["method"], line["path"], line["status"], line["duration_ms"]) == ("GET", "/api/doctors/", 200, 12)


# --- Request ids -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_request_without_an_id_gets_one(client):
    response = client.get("/healthz/")
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert client.get("/healthz/")["X-Request-ID"] != response["X-Request-ID"]


@pytest.mark.django_db
def test_an_upstream_request_id_is_echoed(client):
    response = client.get("/api/does-not-exist/", HTTP_X_REQUEST_ID="lb-7f3a.1")
    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-7f3a.1"


@pytest.mark.django_db
@pytest.mark.parametrize("bad", ["has space", "x" * 129, 'quote"injection', "new\\nline"])
def test_an_unsafe_upstream_request_id_is_replaced(client, bad):
    response = client.get("/healthz/", HTTP_X_REQUEST_ID=bad)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_log_lines_written_during_a_request_carry_its_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/api/does-not-exist/", HTTP_X_REQUEST_ID="trace-123")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines, "Django logs a 404 on django.request"
    assert {line["request_id"] for line in lines} == {"trace-123"}
    assert response["X-Request-ID"] == "trace-123"
    assert request_id_var.get() == "-", "the id must not leak past the request"


# --- Images and Kubernetes manifests ---------------------------------------------------------------


def test_backend_image_is_multi_stage_slim_non_root_with_static_files_collected():
    dockerfile = (ROOT / "Dockerfile").read_text()
    stages = re.findall(r"^FROM (\S+)", dockerfile, flags=re.MULTILINE)
    assert stages == ["python:3.11-slim", "python:3.11-slim"]
    assert re.search(r"^USER app$", dockerfile, flags=re.MULTILINE)
    assert "collectstatic --noinput" in dockerfile and "DEBUG=false" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "gunicorn.conf.py" in dockerfile


def test_frontend_nginx_serves_the_spa_and_proxies_the_backend():
    conf = (ROOT / "healthcare-frontend" / "nginx.conf").read_text()
    assert "server web:8000;" in conf
    for path in ("/api/", "/admin/", "/swagger/", "/swagger.json", "/redoc/", "/static/", "/healthz/"):
        assert re.search(rf"location (= )?{re.escape(path)} \{{ proxy_pass http://backend; \}}", conf), path
    assert "try_files $uri $uri/ /index.html;" in conf
    assert "proxy_set_header X-Request-ID $req_id;" in conf


def test_frontend_nginx_config_is_valid(tmp_path):
    nginx = shutil.which("nginx") or (Path("/usr/sbin/nginx") if Path("/usr/sbin/nginx").exists() else None)
    if nginx is None:
        pytest.skip("nginx is not installed")
    site = (ROOT / "healthcare-frontend" / "nginx.conf").read_text()
    site = site.replace("server web:8000;", "server 127.0.0.1:8000;").replace("listen 80;", "listen 8089;")
    site = site.replace("listen [::]:80;", "listen [::]:8089;")
    (tmp_path / "site.conf").write_text(site)
    temp_paths = "".join(f"{kind}_temp_path {tmp_path}/{kind};" for kind in ("proxy", "fastcgi", "uwsgi", "scgi"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log stderr; events {{}} http {{ include /etc/nginx/mime.types; "
        f"client_body_temp_path {tmp_path}/body; {temp_paths} include {tmp_path}/site.conf; }}"
    )
    result = subprocess.run([str(nginx), "-t", "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _k8s_documents():
    documents = []
    for path in sorted((ROOT / "deploy" / "k8s").glob("*.yaml")):
        documents += [doc for doc in yaml.safe_load_all(path.read_text()) if doc]
    return documents


def test_kubernetes_example_runs_web_worker_one_beat_and_a_migration_job():
    by_kind = {}
    for doc in _k8s_documents():
        by_kind.setdefault(doc["kind"], {})[doc["metadata"]["name"]] = doc
    deployments = by_kind["Deployment"]
    assert {"web", "worker", "beat"} <= set(deployments)
    beat = deployments["beat"]["spec"]
    assert beat["replicas"] == 1
    assert beat["strategy"]["type"] == "Recreate", "never two beats, even during a rollout"
    assert "migrate" in by_kind["Job"]
    assert "web" in by_kind["Service"]
    assert by_kind.get("ConfigMap") and by_kind.get("Secret")
    probes = deployments["web"]["spec"]["template"]["spec"]["containers"][0]
    assert probes["readinessProbe"]["httpGet"]["path"] == "/healthz/"
