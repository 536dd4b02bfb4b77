"""Reading the graders' files: grades/batch_<n>.tsv, one `pair_id<TAB>grade<TAB>grader` line per judgment."""
from __future__ import annotations

import re
from pathlib import Path

from bench.quality import GRADES

_BATCH = re.compile(r"batch_(\d+)\.tsv$")


def batch_number(path: Path) -> int:
    found = _BATCH.search(path.name)
    return int(found.group(1)) if found else 0


def read_grades(folder: Path = GRADES) -> dict[str, list[tuple[int, str]]]:
    """pair id -> every (grade, grader) given; a malformed line stops with its file and line number."""
    grades: dict[str, list[tuple[int, str]]] = {}
    for path in sorted(folder.glob("batch_*.tsv"), key=batch_number):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#") or line.lower().startswith("pair_id"):
                continue
            fields = [f.strip() for f in line.split("\t")]
            if len(fields) < 2 or fields[1] not in ("0", "1", "2", "3"):
                raise SystemExit(f"{path}:{number}: expected pair_id<TAB>grade (0-3)<TAB>grader, got {line!r}")
            grades.setdefault(fields[0].strip("`"), []).append((int(fields[1]), fields[2] if len(fields) > 2 else ""))
    return grades
