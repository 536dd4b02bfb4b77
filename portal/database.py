"""Engine settings that depend on the database: SQLite gets WAL, a busy timeout, foreign keys, and
erasure that reaches the file (R-RIGHTS-4): `secure_delete` zeroes deleted rows and freed pages, and
`journal_size_limit` keeps the write-ahead log from growing without bound; after an erasure the log is
checkpointed and emptied (services/privacy/storage_hygiene.py, whose session listeners start here)."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from portal.extensions import db

JOURNAL_SIZE_LIMIT = 4 * 1024 * 1024  # bytes the -wal file keeps after a checkpoint


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA journal_size_limit={JOURNAL_SIZE_LIMIT}")
    cursor.close()


def configure_engine(app: Flask) -> None:
    from portal.services import audit
    from portal.services.privacy import storage_hygiene

    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite" and not sa.event.contains(engine, "connect", _sqlite_pragmas):
            sa.event.listen(engine, "connect", _sqlite_pragmas)
    storage_hygiene.register()
    audit.register()
