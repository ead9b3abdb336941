"""The README's excerpt of the demo article's record, made from today's output.

    python scripts/readme_excerpt.py            # print the excerpt
    python scripts/readme_excerpt.py --write    # put it into README.md

It runs ``warta analyze ../shared/samples/000_c92660f1e988c349.txt --published 2021-11-24`` and
keeps: the document (text cut to 60 characters), the number of sentences, the first two
PERSON entities, the first time, amount, direct quote and event, the summary and keywords; lists
shortened with "…". ``tests/test_readme.py`` checks that README.md holds exactly this.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "../shared/samples/000_c92660f1e988c349.txt"
COMMAND = ["analyze", SAMPLE, "--published", "2021-11-24"]
START = "```json\n"
MORE = "…"


def record() -> dict[str, Any]:
    """Today's record of the demo article, through the real command."""
    script = Path(sys.executable).with_name("warta")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "warta"]
    proc = subprocess.run([*cmd, *COMMAND], capture_output=True, text=True, cwd=ROOT, check=True)
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def excerpt(rec: dict[str, Any]) -> dict[str, Any]:
    doc = dict(rec["document"])
    doc.pop("meta", None)
    doc["text"] = doc["text"][:60] + MORE
    people = [e for e in rec["entities"] if e["type"] == "PERSON"][:2]
    direct = [q for q in rec["quotes"] if q["direct"]][:1]
    return {
        "schema": rec["schema"],
        "document": doc,
        "sentences": f"[{MORE} {len(rec['sentences'])} spans {MORE}]",
        "entities": [*people, MORE],
        "times": [*rec["times"][:1], MORE],
        "amounts": [*rec["amounts"][:1], MORE],
        "quotes": [*direct, MORE],
        "events": [*rec["events"][:1], MORE],
        "summary": rec["summary"],
        "keywords": rec["keywords"],
    }


def _dump(value: Any, depth: int, indent: str) -> str:
    """JSON with records' parts as people read them: lists of scalars and objects nested three or
    more levels deep on one line, everything else indented."""
    if isinstance(value, str) and value.startswith(f"[{MORE}"):
        return value
    scalar_list = isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value)
    if not isinstance(value, (dict, list)) or scalar_list or (isinstance(value, dict) and depth >= 3):
        return json.dumps(value, ensure_ascii=False)
    inner = indent + "  "
    if isinstance(value, list):
        parts = [inner + _dump(v, depth + 1, inner) for v in value]
        return "[\n" + ",\n".join(parts) + "\n" + indent + "]"
    parts = [f"{inner}{json.dumps(k)}: {_dump(v, depth + 1, inner)}" for k, v in value.items()]
    return "{\n" + ",\n".join(parts) + "\n" + indent + "}"


def render(rec: dict[str, Any]) -> str:
    return _dump(excerpt(rec), 0, "") + "\n"


def readme_block(text: str) -> tuple[int, int]:
    """Where the excerpt's JSON sits in README.md (the first ```json block)."""
    start = text.index(START) + len(START)
    return start, text.index("```", start)


def main() -> int:
    text = render(record())
    if "--write" in sys.argv:
        readme = ROOT / "README.md"
        old = readme.read_text("utf-8")
        start, end = readme_block(old)
        readme.write_text(old[:start] + text + old[end:], "utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
