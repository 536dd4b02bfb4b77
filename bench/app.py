"""The portal as the benchmarks run it: a fresh SQLite database and index in a folder of their own."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def make_app(data: Path):
    """A migrated app whose database and index live in `data`, emptied first."""
    os.environ.setdefault("PORTAL_CONFIG", "demo")
    from flask_migrate import upgrade

    from portal import create_app

    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{data / 'bench.sqlite3'}",
                      "SEARCH_INDEX_DIR": str(data / "index"), "MAIL_URL": None})
    with app.app_context():
        upgrade()
    return app
