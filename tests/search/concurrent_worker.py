"""One worker process of the concurrency test: saves profiles (files here) and drains, as a web worker would."""
from __future__ import annotations

import json
import os
import traceback
from datetime import datetime
from pathlib import Path


def load_from(folder: Path):
    from tests.search.documents import doc

    def load(consultant_id: int):
        path = folder / f"{consultant_id}.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text())
        return doc(consultant_id, title=data["title"], updated_at=datetime.fromisoformat(data["updated_at"]))

    return load


def run(config: dict, folder: str, worker: int, ids: list[int], rounds: int, errors) -> None:
    try:
        from portal import create_app
        from portal.extensions import db
        from portal.services.matching import search

        folder_path = Path(folder)
        app = create_app(config)
        search.set_document_loader(load_from(folder_path))
        with app.app_context():
            for n in range(rounds):
                for consultant_id in ids:
                    target = folder_path / f"{consultant_id}.json"
                    temporary = folder_path / f".{consultant_id}.{worker}.tmp"
                    # Profile and outbox row change together: the file is the profile "row".
                    temporary.write_text(json.dumps({"title": f"w{worker} r{n}",
                                                     "updated_at": datetime.now().isoformat()}))
                    os.replace(temporary, target)
                    search.enqueue(consultant_id)
                    db.session.commit()
                    search.drain()
            db.session.remove()
            db.engine.dispose()
    except BaseException:  # reported to the test, which fails with the traceback
        errors.put(f"worker {worker}: {traceback.format_exc()}")
