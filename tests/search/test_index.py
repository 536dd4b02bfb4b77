"""The index and its outbox: changes reach the index, survive a crash before the drain, erasure is immediate."""
from __future__ import annotations

import sqlalchemy as sa
from flask import Flask

from portal.extensions import db
from portal.models import SearchIndexOutbox
from portal.security import PUBLIC, allow
from portal.services.matching import search
from tests.search.documents import doc, skill


def _ids(text: str, field: str = "text_en") -> set[int]:
    from whoosh import query as Q  # the index's own query language; only to look inside in tests

    index = search.current_index()
    analyzer = search.SCHEMA[field].analyzer
    terms = [t.text for t in analyzer(text)]
    searcher = index.searcher()
    return {int(searcher.stored_fields(n)["consultant_id"]) for n in Q.And([Q.Term(field, t) for t in terms]).docs(searcher)}


def test_enqueue_then_drain_indexes_the_latest_state(app, profiles):
    profiles.add(doc(1, summary="Built payment platforms for banks."))
    search.enqueue(1)
    db.session.commit()
    profiles[1] = doc(1, summary="Designed warehouses for logistics.")  # changed again before the drain
    assert search.drain() == 1
    assert _ids("warehouse") == {1} and _ids("payment") == set()
    assert search.pending() == 0


def test_a_row_written_but_not_drained_is_applied_by_the_next_drain(app, make_app, profiles):
    """Crash-safety: the process that committed the change died before its drain ran."""
    profiles.add(doc(2, summary="Migrated mainframes to the cloud."))
    search.enqueue(2)
    db.session.commit()  # ... and the process stops here: no drain
    db.session.remove()
    other = make_app()
    profiles.connect()
    with other.app_context():
        assert search.pending() == 1
        assert search.drain() == 1
        assert _ids("mainframes") == {2}


def test_stemming_in_swedish_and_english(app, profiles):
    profiles.add(doc(3, summary="Jag har arbetat med utvecklingen av betalningssystem och leder utvecklarna."),
                 doc(4, summary="She has been developing systems and managed the developers."))
    for i in (3, 4):
        search.enqueue(i)
    db.session.commit()
    search.drain()
    assert search.text_language(profiles[3]["summary"]) == "sv"
    assert _ids("utvecklare", "text_sv") == {3}  # "utvecklarna" and "utvecklare" share a stem
    assert _ids("develop", "text_en") == {4}  # "developing", "developers", "develop"
    assert _ids("manage", "text_en") == {4}


def test_delete_and_missing_documents_leave_the_index(app, profiles):
    profiles.add(doc(5, summary="Kubernetes clusters."), doc(6, summary="Kubernetes operators."))
    search.enqueue(5)
    search.enqueue(6)
    db.session.commit()
    search.drain()
    search.enqueue(5, "delete")
    del profiles[6]
    search.enqueue(6)  # an upsert whose profile is gone is a delete
    db.session.commit()
    search.drain()
    assert _ids("kubernetes") == set()


def test_restricted_profiles_are_never_indexed_and_remove_now_is_immediate(app, profiles):
    profiles.add(doc(7, summary="Terraform modules.", restricted=True), doc(8, summary="Terraform pipelines."))
    search.enqueue(7)
    search.enqueue(8)
    db.session.commit()
    search.drain()
    assert _ids("terraform") == {8}
    search.remove_now(8)  # erasure or restriction: no outbox, no wait
    assert _ids("terraform") == set()


def test_the_after_request_hook_drains_what_the_request_enqueued(make_app, profiles):
    application: Flask = make_app()
    profiles.connect()

    @application.post("/test-save/<int:consultant_id>")
    @allow(PUBLIC)
    def save(consultant_id):
        profiles[consultant_id] = doc(consultant_id, summary="Accessibility audits of public websites.")
        search.enqueue(consultant_id)
        db.session.commit()
        return "saved"

    application.config["WTF_CSRF_ENABLED"] = False
    with application.app_context():
        response = application.test_client().post("/test-save/9")
        assert response.status_code == 200
        assert search.pending() == 0
        assert _ids("audits") == {9}


def test_enqueue_refuses_an_unknown_operation(app):
    import pytest

    with pytest.raises(ValueError):
        search.enqueue(1, "merge")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchIndexOutbox)) == 0


def test_skills_are_indexed_by_key(app, profiles):
    profiles.add(doc(10, skills=[skill("React.JS", 4)]))
    search.enqueue(10)
    db.session.commit()
    search.drain()
    searcher = search.current_index().searcher()
    assert searcher.doc_frequency("skills", "reactjs") == 1
    assert searcher.doc_frequency("skill_levels", "reactjs:4") == 1
    assert searcher.doc_frequency("skill_levels", "reactjs:5") == 0


def test_a_request_does_not_wait_for_a_long_rebuild(make_app, profiles):
    """While another writer (a rebuild) holds the index, the request answers; its row waits for the next drain."""
    application: Flask = make_app()
    profiles.connect()

    @application.post("/test-save/<int:consultant_id>")
    @allow(PUBLIC)
    def save(consultant_id):
        profiles[consultant_id] = doc(consultant_id, summary="Quantum annealing.")
        search.enqueue(consultant_id)
        db.session.commit()
        return "saved"

    application.config["WTF_CSRF_ENABLED"] = False
    with application.app_context():
        with search.current_index().write_lock():
            assert application.test_client().post("/test-save/11").status_code == 200
            assert search.pending() == 1
        assert search.drain() == 1
        assert _ids("annealing") == {11}
