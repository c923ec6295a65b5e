"""A few lines of HTTP for the harness (standard library only)."""

import json
import time
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen


@dataclass
class Answer:
    status: int
    content_type: str
    body: object
    seconds: float

    @property
    def is_json(self) -> bool:
        return self.content_type.startswith("application/json")


def call(base: str, method: str, path: str, body=None, token: str | None = None, timeout: float = 30) -> Answer:
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None if body is None else json.dumps(body).encode()
    request = Request(base + path, data=data, method=method, headers=headers)
    started = time.monotonic()
    try:
        with urlopen(request, timeout=timeout) as response:
            status, content_type, raw = response.status, response.headers.get("Content-Type", ""), response.read()
    except HTTPError as error:
        status, content_type, raw = error.code, error.headers.get("Content-Type", ""), error.read()
    except (URLError, OSError) as error:
        return Answer(0, "", str(error), time.monotonic() - started)
    seconds = time.monotonic() - started
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = raw[:200].decode(errors="replace")
    return Answer(status, content_type, parsed, seconds)


def token(base: str, username: str, password: str) -> str:
    answer = call(base, "POST", "/api/token/", {"username": username, "password": password})
    if answer.status != 200:
        raise RuntimeError(f"login {username}: {answer.status} {answer.body}")
    return answer.body["access"]
