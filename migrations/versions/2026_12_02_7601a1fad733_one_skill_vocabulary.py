"""One skill vocabulary: skill_aliases move into skill_synonyms, and skills.key takes the synonym key

The profile side's aliases (skill_aliases: key -> skill) become rows of the staff-edited synonym
table (alias = the alias key, canonical = the skill's name); where the two tables disagreed, the
synonym table's choice stays. skills.key and skill_synonyms.alias_key are recomputed with the one
key function; a skill named by a synonym's alias takes the canonical name, and two skills that now
share a key become one, their profile skills merged onto it.
Profiles whose index terms change are queued for the indexer (search_index_outbox).

Revision ID: 7601a1fad733
Revises: 1c5e1fd400ff
Create Date: 2026-12-02 10:12:31.402118

"""
import re
import unicodedata
from datetime import datetime, timezone

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7601a1fad733'
down_revision = '1c5e1fd400ff'
branch_labels = None
depends_on = None

# Frozen copies of the key functions at this revision: a migration must not change when the
# application's code does. key() is portal.services.matching.skills.key.


def key(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).casefold().replace("#", "sharp").replace("+", "plus")
    return "".join(ch for ch in folded if ch.isalnum())[:100]


def old_skill_key(name: str) -> str:
    """skills.key before this revision (portal.services.skills.key_of)."""
    return re.sub(r"\s+", " ", name).strip().casefold()[:100]


_OLD_NOT_ALNUM = re.compile(r"[^0-9a-zåäöéü]+")


def old_search_key(name: str) -> str:
    """The synonym key before this revision: what the search index holds for a profile's skills."""
    return _OLD_NOT_ALNUM.sub("", name.strip().lower().replace("#", "sharp").replace("+", "plus"))


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _rekey(bind, table: str, column: str, new_keys: dict[int, str]) -> None:
    """Set new unique keys in two steps, so that no row ever holds a key another row still has."""
    changed = {row_id: k for row_id, k in new_keys.items() if k is not None}
    update = sa.text(f"UPDATE {table} SET {column} = :key WHERE id = :id")
    for row_id in changed:
        bind.execute(update, {"key": f"~rekey~{row_id}", "id": row_id})
    for row_id, k in changed.items():
        bind.execute(update, {"key": k, "id": row_id})


def _rekey_synonyms(bind) -> None:
    rows = bind.execute(sa.text("SELECT id, alias, alias_key FROM skill_synonyms ORDER BY id")).all()
    taken, new_keys = set(), {}
    for row_id, alias, alias_key in rows:
        k = key(alias)[:80]
        if not k or k in taken:  # only letters the old key dropped told them apart: the first one stays
            bind.execute(sa.text("DELETE FROM skill_synonyms WHERE id = :id"), {"id": row_id})
            continue
        taken.add(k)
        new_keys[row_id] = k if k != alias_key else None
    _rekey(bind, "skill_synonyms", "alias_key", new_keys)


def _move_aliases(bind) -> None:
    meaning = dict(bind.execute(sa.text("SELECT alias_key, canonical FROM skill_synonyms")).all())
    canonical_keys = {key(c) for c in meaning.values()}
    insert = sa.text("INSERT INTO skill_synonyms (alias_key, alias, canonical, created_at) "
                     "VALUES (:alias_key, :alias, :canonical, :created_at)")
    rows = bind.execute(sa.text("SELECT a.key, s.name FROM skill_aliases a JOIN skills s ON s.id = a.skill_id "
                                "ORDER BY a.id")).all()
    for alias, name in rows:
        canonical = meaning.get(key(name), name)[:80]  # a skill the synonyms call an alias: follow them
        k = key(alias)
        if not k or len(alias) > 80 or len(k) > 80 or k in meaning or k in canonical_keys or k == key(canonical):
            continue  # blank, too long, already a synonym, already a skill others mean, or the skill itself
        bind.execute(insert, {"alias_key": k, "alias": alias, "canonical": canonical, "created_at": _now()})
        meaning[k] = canonical
        canonical_keys.add(key(canonical))


def _merge_skill(bind, keeper: int, duplicate: int) -> set[int]:
    """Point the duplicate's profile skills at the keeper (one per profile, the higher level kept)."""
    rows = bind.execute(sa.text("SELECT id, profile_id, level, years FROM profile_skills WHERE skill_id = :id"),
                        {"id": duplicate}).all()
    for row_id, profile_id, level, years in rows:
        kept = bind.execute(sa.text("SELECT id, level, years FROM profile_skills "
                                    "WHERE skill_id = :skill AND profile_id = :profile"),
                            {"skill": keeper, "profile": profile_id}).first()
        if kept is None:
            bind.execute(sa.text("UPDATE profile_skills SET skill_id = :skill WHERE id = :id"),
                         {"skill": keeper, "id": row_id})
        else:
            bind.execute(sa.text("UPDATE profile_skills SET level = :level, years = :years WHERE id = :id"),
                         {"level": max(level, kept.level), "years": max(years, kept.years), "id": kept.id})
            bind.execute(sa.text("DELETE FROM profile_skills WHERE id = :id"), {"id": row_id})
    bind.execute(sa.text("DELETE FROM skills WHERE id = :id"), {"id": duplicate})
    return {profile_id for _, profile_id, _, _ in rows}


def _rekey_skills(bind) -> set[int]:
    """New keys for the named skills; a skill the synonyms call an alias takes its canonical name, and
    skills that now share a key become one. Returns the profiles whose index document changes."""
    meaning = dict(bind.execute(sa.text("SELECT alias_key, canonical FROM skill_synonyms")).all())
    rows = bind.execute(sa.text("SELECT id, name, key FROM skills ORDER BY id")).all()
    keeper_of: dict[str, int] = {}
    new_keys, touched, reindex = {}, set(), set()
    for skill_id, name, old in rows:
        canonical = meaning.get(key(name))
        k = key(canonical or name) or old  # a name without letters or digits ("—") keeps its old key
        if k in keeper_of:
            touched |= _merge_skill(bind, keeper_of[k], skill_id)
            continue
        keeper_of[k] = skill_id
        new_keys[skill_id] = k if k != old else None
        if canonical is not None:
            bind.execute(sa.text("UPDATE skills SET name = :name WHERE id = :id"), {"name": canonical, "id": skill_id})
        if canonical is not None or (key(name) and key(name) != old_search_key(name)):
            reindex.add(skill_id)  # the index holds another name or key for this skill
    _rekey(bind, "skills", "key", new_keys)
    if reindex:
        ids = sa.bindparam("ids", expanding=True)
        touched |= set(bind.scalars(sa.text("SELECT DISTINCT profile_id FROM profile_skills WHERE skill_id IN :ids")
                                    .bindparams(ids), {"ids": sorted(reindex)}))
    return touched


def _queue_for_index(bind, profile_ids: set[int]) -> None:
    if not profile_ids:
        return
    ids = sa.bindparam("ids", expanding=True)
    bind.execute(sa.text("INSERT INTO search_index_outbox (consultant_id, op, created_at) "
                         "SELECT user_id, 'upsert', :now FROM consultant_profiles WHERE id IN :ids").bindparams(ids),
                 {"now": _now(), "ids": sorted(profile_ids)})


def upgrade():
    bind = op.get_bind()
    _rekey_synonyms(bind)
    _move_aliases(bind)
    _queue_for_index(bind, _rekey_skills(bind))
    with op.batch_alter_table('skill_aliases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skill_aliases_skill_id'))

    op.drop_table('skill_aliases')


def downgrade():
    op.create_table('skill_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('skill_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['skill_id'], ['skills.id'], name=op.f('fk_skill_aliases_skill_id_skills'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_aliases')),
    sa.UniqueConstraint('key', name=op.f('uq_skill_aliases_key'))
    )
    with op.batch_alter_table('skill_aliases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skill_aliases_skill_id'), ['skill_id'], unique=False)

    bind = op.get_bind()
    # skills.key back to its old form; merged skills stay merged (best effort, as the aliases below)
    rows = bind.execute(sa.text("SELECT id, name, key FROM skills ORDER BY id")).all()
    taken = {k for _, _, k in rows}
    new_keys = {}
    for skill_id, name, k in rows:
        old = old_skill_key(name)
        if old != k and old not in taken:
            taken.add(old)
            new_keys[skill_id] = old
    _rekey(bind, "skills", "key", new_keys)
    skill_of = {k: skill_id for skill_id, k in bind.execute(sa.text("SELECT id, key FROM skills")).all()}
    present = set(skill_of)
    for alias, canonical in bind.execute(sa.text("SELECT alias, canonical FROM skill_synonyms ORDER BY id")).all():
        alias_key, skill_id = old_skill_key(alias), skill_of.get(old_skill_key(canonical))
        if skill_id is not None and alias_key and alias_key not in present:
            bind.execute(sa.text("INSERT INTO skill_aliases (key, skill_id) VALUES (:key, :skill)"),
                         {"key": alias_key, "skill": skill_id})
            present.add(alias_key)
