"""Files generated from the code and committed (docs/data-model.md, the SPA's API types): the
one way their commands write them, or check that the committed file is what the code makes."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path


def write_or_check(output: Path, text: str, *, check: bool, source: str, command: str, stdout, stderr) -> None:
    """Write ``text`` to ``output`` (unless it is there already); with ``check``, write nothing
    and exit 1 with a diff when the committed file differs. ``source`` names what the text is
    made from ("the models"), ``command`` what regenerates it."""
    current = output.read_text(encoding="utf-8") if output.exists() else ""
    if check:
        if current != text:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                text.splitlines(keepends=True),
                fromfile=f"{output} (committed)",
                tofile=f"{output} (from {source})",
            )
            stderr.write("".join(diff))
            stderr.write(f"{output} is stale: run `{command}`.")
            sys.exit(1)
        stdout.write(f"{output} is up to date.")
        return
    if current == text:
        stdout.write(f"{output} is up to date.")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    stdout.write(f"Wrote {output}.")
