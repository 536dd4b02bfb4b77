"""`make audit`: bandit finds nothing in portal/ (issue 12); a silenced finding carries its reason
on the same line, so this fails when new code adds one without saying why."""
from __future__ import annotations

import re
import subprocess
import sys


def test_bandit_reports_nothing_in_the_portal(repo_root):
    result = subprocess.run([sys.executable, "-m", "bandit", "-r", "portal", "-q", "-f", "custom",
                             "--msg-template", "{relpath}:{line} {test_id} {msg}"],
                            cwd=repo_root, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_nosec_says_why(repo_root):
    """The reason follows on the same line (`# nosec B105  # why`) or is the comment just above."""
    unexplained = []
    for path in (repo_root / "portal").rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "# nosec" not in line:
                continue
            same_line = re.search(r"# nosec B\d+(,\s*B\d+)*\s+#\s*\S", line)
            above = number > 0 and lines[number - 1].strip().startswith("#")
            if not (same_line or above):
                unexplained.append(f"{path.relative_to(repo_root)}:{number + 1}")
    assert unexplained == []
