"""The documentation under docs/ cannot drift from the code.

- docs/data-model.md is regenerated from the models and must equal the committed file.
- every ``path.py: function`` named in docs/architecture.md's "where each rule lives" table exists.
- every ```bash example in docs/api.md runs against a live server and answers the status it
  promises (``# → 201`` after each curl).
"""

import importlib
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command

from doctors.tests.factories import DoctorFactory, SpecialtyFactory, VisitTypeFactory
from healthcare_system.celery import app as celery_app
from healthcare_system.management.commands import docs_data_model
from notifications import sms

DOCS = Path(settings.BASE_DIR) / "docs"


# --- docs/data-model.md ---------------------------------------------------------------------


def test_data_model_page_is_generated_from_the_current_models():
    committed = (DOCS / "data-model.md").read_text(encoding="utf-8")
    assert committed == docs_data_model.render(), (
        "docs/data-model.md is stale: run `python manage.py docs_data_model` and commit the result."
    )


def test_data_model_page_shows_every_model_and_constraint():
    text = docs_data_model.render()
    for model in docs_data_model.our_models():
        assert f"    {model._meta.object_name} {{" in text
        assert f"### `{model._meta.label}`" in text
        for constraint in model._meta.constraints:
            assert f"`{constraint.name}`" in text
    assert "exclude using gist (doctor WITH =, tstzrange(start, blocked_until, '[)') WITH &&)" in text


def test_every_app_of_ours_is_on_the_page():
    assert {"accounts", "privacy", "waitlist", "profiles"} <= set(docs_data_model.our_apps())
    assert "django_otp" not in docs_data_model.our_apps()


def test_check_flag_fails_on_a_stale_page_and_write_mode_fixes_it(tmp_path):
    page = tmp_path / "data-model.md"
    page.write_text("# stale\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exited:
        call_command("docs_data_model", "--check", output=page)
    assert exited.value.code == 1
    assert page.read_text(encoding="utf-8") == "# stale\n"  # --check never writes

    call_command("docs_data_model", output=page)
    call_command("docs_data_model", "--check", output=page)  # passes now
    assert page.read_text(encoding="utf-8") == docs_data_model.render()


def test_a_model_without_a_note_is_an_error(tmp_path):
    notes = tmp_path / "notes.md"
    text = (DOCS / "model-notes.md").read_text(encoding="utf-8")
    notes.write_text(text.replace("## doctors.LeaveDay", "## doctors.NoSuchModel"), encoding="utf-8")
    expected = r"add a note for doctors\.LeaveDay.*remove the note for doctors\.NoSuchModel"
    with pytest.raises(CommandError, match=expected):
        docs_data_model.render(notes)


# --- docs/architecture.md -------------------------------------------------------------------

_REFERENCE = re.compile(r"`(?P<path>[\w/]+)\.py: (?P<names>[\w.]+(?:`?, `?[\w.]+)*)`")


def rule_table_references() -> list[tuple[str, str]]:
    """(module path, attribute) for each `path.py: name` in the rule table (and every other table row)."""
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    found = []
    for line in text.splitlines():
        if not line.startswith("|"):
            continue
        for match in _REFERENCE.finditer(line):
            for name in re.split(r"`?, `?", match["names"]):
                found.append((match["path"], name))
    return found


def test_rule_table_names_real_functions():
    references = rule_table_references()
    assert len(references) >= 20, "the 'where each rule lives' table seems to be missing"
    missing = []
    for path, name in references:
        module = importlib.import_module(path.replace("/", "."))
        target = module
        for part in name.split("."):
            target = getattr(target, part, None)
        if target is None or not callable(target):
            missing.append(f"{path}.py: {name}")
    assert not missing, f"docs/architecture.md names code that does not exist: {missing}"


# --- docs/api.md: every example against a live server ----------------------------------------

_BLOCK = re.compile(r"^```bash\n(.*?)^```", re.S | re.M)
_EXPECT = re.compile(r"^\s*# → (\d{3})\b", re.M)

# Every `curl` of the examples goes through this function: it records the status (the
# examples promise one per curl) and prints the body exactly as curl would.
_PRELUDE = r"""
set -euo pipefail
curl() {
    local body
    body=$(mktemp)
    printf '%s %s\n' "$DOC_BLOCK" \
        "$(command curl -sS --noproxy '*' --max-time 20 -o "$body" -w '%{http_code}' "$@")" >> "$DOC_STATUSES"
    cat "$body"
    rm -f "$body"
}
"""


def doc_examples(name: str) -> list[tuple[str, list[int]]]:
    """The ```bash blocks of docs/<name> with the statuses each promises."""
    text = (DOCS / name).read_text(encoding="utf-8")
    return [(code, [int(s) for s in _EXPECT.findall(code)]) for code in _BLOCK.findall(text)]


@pytest.fixture
def live_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SMS_BACKEND = "locmem"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sms.outbox.clear()
    # Notifications are sent in-process (no broker), whatever the environment says.
    saved = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = True, False
    yield settings
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = saved
    sms.outbox.clear()


def assert_examples_run(name: str, base_url: str, *, at_least: int) -> None:
    """Run every example of docs/<name> in one shell against ``base_url``; each curl must
    answer the status its block promises (``# → 201``)."""
    examples = doc_examples(name)
    assert len(examples) >= at_least

    with tempfile.TemporaryDirectory() as work:
        statuses = Path(work) / "statuses"
        statuses.touch()
        script = [_PRELUDE]
        for number, (code, _) in enumerate(examples):
            script.append(f"DOC_BLOCK={number}\nprintf '\\n--- example %s ---\\n' {number}\n{code}\n")
        env = {
            # python3 is this test run's interpreter; HOME is empty so no ~/.curlrc interferes.
            "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "/usr/bin:/bin")]),
            "HOME": work,
            "LC_ALL": "C.UTF-8",
            "BASE": base_url,
            "DOC_STATUSES": str(statuses),
        }
        run = subprocess.run(
            ["bash", "-c", "\n".join(script)], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        recorded: dict[int, list[int]] = {}
        for line in statuses.read_text().splitlines():
            block, status = line.split()
            recorded.setdefault(int(block), []).append(int(status))

    transcript = f"stdout:\n{run.stdout[-6000:]}\nstderr:\n{run.stderr[-3000:]}"
    assert run.returncode == 0, f"the examples stopped with exit code {run.returncode}\n{transcript}"
    for number, (code, expected) in enumerate(examples):
        got = recorded.get(number, [])
        assert got == expected, f"example {number} answered {got}, the doc promises {expected}:\n{code}\n{transcript}"


def test_every_api_example_answers_the_status_it_promises(live_server, transactional_db, live_settings):
    doctor = DoctorFactory(
        user__first_name="Maria",
        user__last_name="Schmidt",
        specialty=SpecialtyFactory(name="Cardiology"),
        city="Berlin",
    )  # Monday to Friday, 09:00-12:00 Europe/Berlin, 30-minute slots
    VisitTypeFactory(doctor=doctor, name="First consultation")  # the waitlist example waits for it
    assert_examples_run("api.md", live_server.url, at_least=10)

    # The booking sent the patient a confirmation email with the calendar attached.
    booked = [m for m in mail.outbox if m.to == ["ann@example.com"] and "Appointment booked" in m.subject]
    assert len(booked) == 1
    assert booked[0].attachments[0][0] == "appointment.ics"
