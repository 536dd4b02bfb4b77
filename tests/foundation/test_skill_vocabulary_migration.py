"""The one-vocabulary migration moves skill_aliases into skill_synonyms and merges skills that share a key."""
from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from portal.models import ConsultantProfile, User
from tests.conftest import PG_URL, create_postgres_database, drop_postgres_database

PREVIOUS = "1c5e1fd400ff"  # the head before 7601a1fad733_one_skill_vocabulary


@pytest.fixture
def empty_database(tmp_path):
    """An empty database of its own on the suite's engine: a real SQLite file, or a PostgreSQL database when
    TEST_DATABASE_URL is set (`make test` runs the suite once on each)."""
    if not PG_URL:
        yield "sqlite:///" + str(tmp_path / "migrating.sqlite3")
        return
    name = f"portal_migration_{os.getpid()}"
    yield create_postgres_database(name)
    drop_postgres_database(name)


def _flask_db(application, *args: str) -> None:
    result = application.test_cli_runner().invoke(args=["db", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)


def _rows(conn, sql: str, **params):
    return conn.execute(sa.text(sql), params).all()


def test_upgrade_moves_aliases_merges_skills_and_downgrade_brings_aliases_back(make_app, empty_database):
    application = make_app(SQLALCHEMY_DATABASE_URI=empty_database)
    _flask_db(application, "upgrade", PREVIOUS)
    engine = sa.create_engine(empty_database.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO skills (name, key) VALUES ('Elixir', 'elixir'), ('Node JS', 'node js')"))
        conn.execute(sa.text("INSERT INTO skill_aliases (key, skill_id) SELECT 'elixir lang', id FROM skills "
                             "WHERE key = 'elixir'"))
        user_id = conn.execute(User.__table__.insert().values(
            email="maja@example.se", password_hash="x", role="consultant", name="Maja")).inserted_primary_key[0]
        profile_id = conn.execute(ConsultantProfile.__table__.insert().values(user_id=user_id)).inserted_primary_key[0]
        # the same skill twice under spellings the old key told apart ("Node.js" is seeded)
        for old_key, level, years in (("node.js", 2, 7), ("node js", 4, 1)):
            conn.execute(sa.text("INSERT INTO profile_skills (profile_id, skill_id, level, years) "
                                 "SELECT :profile, id, :level, :years FROM skills WHERE key = :key"),
                         {"profile": profile_id, "level": level, "years": years, "key": old_key})

    _flask_db(application, "upgrade")
    with engine.connect() as conn:
        assert not sa.inspect(conn).has_table("skill_aliases")
        assert _rows(conn, "SELECT alias, canonical FROM skill_synonyms WHERE alias_key = 'elixirlang'") == [
            ("elixir lang", "Elixir")]
        # an alias the synonyms had already is not doubled, and their choice of canonical name stays
        assert _rows(conn, "SELECT canonical FROM skill_synonyms WHERE alias_key = 'postgres'") == [("PostgreSQL",)]
        assert _rows(conn, "SELECT canonical FROM skill_synonyms WHERE alias_key IN ('mssql', 'ci') "
                          "ORDER BY alias_key") == [("CI/CD",), ("Microsoft SQL Server",)]
        assert _rows(conn, "SELECT count(*) FROM skill_synonyms WHERE alias_key = 'azure'") == [(0,)]
        assert _rows(conn, "SELECT name FROM skills WHERE key = 'azure'") == [("Azure",)]  # was "Microsoft Azure"
        assert _rows(conn, "SELECT name FROM skills WHERE key = 'nodejs'") == [("Node.js",)]
        merged = _rows(conn, "SELECT s.key, p.level, p.years FROM profile_skills p JOIN skills s ON s.id = p.skill_id")
        assert merged == [("nodejs", 4, 7)]  # one row, the higher level and years kept
        assert _rows(conn, "SELECT consultant_id, op FROM search_index_outbox") == [(user_id, "upsert")]

    _flask_db(application, "downgrade", PREVIOUS)
    with engine.connect() as conn:
        assert _rows(conn, "SELECT s.name FROM skill_aliases a JOIN skills s ON s.id = a.skill_id "
                          "WHERE a.key = 'elixir lang'") == [("Elixir",)]
        assert _rows(conn, "SELECT key FROM skills WHERE name = 'Node.js'") == [("node.js",)]
    _flask_db(application, "upgrade")
    engine.dispose()
