"""Several processes save profiles and drain at once: one writer at a time, no LockError, no update lost."""
from __future__ import annotations

import multiprocessing
import threading
import time

from whoosh import index as whoosh_index  # only to hold whoosh's own lock from outside, below

from portal.services.matching import search
from tests.search.concurrent_worker import load_from, run
from tests.search.documents import doc

WORKERS, ROUNDS = 3, 4


def test_concurrent_processes_lose_no_update(app, app_config, tmp_path):
    folder = tmp_path / "profiles"
    folder.mkdir()
    context = multiprocessing.get_context("spawn")
    errors = context.Queue()
    shared = [1, 2, 3, 4]  # every worker writes these: their saves race
    processes = [context.Process(target=run, args=(app_config, str(folder), w, shared + [10 + w], ROUNDS, errors))
                 for w in range(WORKERS)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=240)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == [], "\n".join(failures)
    assert [p.exitcode for p in processes] == [0] * WORKERS
    assert search.pending() == 0, "every worker drained after its own commit"
    load = load_from(folder)
    searcher = search.current_index().searcher()
    indexed = {int(f["consultant_id"]): f["updated"] for f in searcher.all_stored_fields()}
    expected = {i: load(i)["updated_at"].isoformat() for i in [*shared, *(10 + w for w in range(WORKERS))]}
    assert indexed == expected, "the index holds the last saved version of every profile"


def test_a_held_whoosh_lock_is_waited_for_not_raised(app):
    index = search.current_index()
    raw = whoosh_index.open_dir(index.path).writer()  # someone else holds whoosh's lock

    def release_later():
        time.sleep(0.4)
        raw.cancel()

    threading.Thread(target=release_later).start()
    started = time.monotonic()
    index.apply([doc(1, title="Waited")], [])
    assert time.monotonic() - started >= 0.3
    assert index.searcher().doc_count() == 1
