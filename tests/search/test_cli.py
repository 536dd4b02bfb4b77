"""`flask search rebuild | sync | verify`."""
from __future__ import annotations

from portal import register_search
from portal.extensions import db
from portal.services.matching import search
from tests.search.documents import doc


def test_without_a_profile_model_the_commands_say_so(app):
    search.set_document_loader(None)  # the app factory connects the profile tables; disconnect them here
    search.set_id_source(None)
    try:
        runner = app.test_cli_runner()
        for command in ("rebuild", "sync", "verify"):
            result = runner.invoke(args=["search", command])
            assert result.exit_code == 2, command
            assert "no profile model is connected" in result.output
    finally:
        register_search(app)


def test_rebuild_then_verify_agree(app, profiles):
    profiles.add(doc(1, summary="Kafka streams."), doc(2, summary="Kotlin apps."), doc(3, restricted=True))
    runner = app.test_cli_runner()
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "indexed 3 profiles" in result.output
    verified = runner.invoke(args=["search", "verify"])
    assert verified.exit_code == 0 and "index and database agree" in verified.output


def test_verify_lists_differences_and_sync_repairs_them(app, profiles):
    profiles.add(doc(1), doc(2))
    runner = app.test_cli_runner()
    runner.invoke(args=["search", "rebuild"])
    profiles.add(doc(3))  # saved, enqueued, but not yet drained
    search.enqueue(3)
    profiles[2] = doc(2, summary="changed", updated_at=doc(2)["updated_at"].replace(year=2027))
    search.enqueue(2)
    del profiles[1]  # deleted without an outbox row: only verify notices
    db.session.commit()
    result = runner.invoke(args=["search", "verify"])
    assert result.exit_code == 1
    assert "missing from the index (1): 3" in result.output
    assert "in the index only (1): 1" in result.output
    assert "older in the index (1): 2" in result.output
    synced = runner.invoke(args=["search", "sync"])
    assert synced.exit_code == 0 and "applied 2 pending changes" in synced.output
    search.enqueue(1, "delete")
    db.session.commit()
    runner.invoke(args=["search", "sync"])
    assert runner.invoke(args=["search", "verify"]).exit_code == 0
