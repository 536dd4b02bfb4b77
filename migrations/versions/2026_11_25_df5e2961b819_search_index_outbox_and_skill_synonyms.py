"""Search index outbox and skill synonyms (seeded with the common spelling variants)

Revision ID: df5e2961b819
Revises: 882f695502c0
Create Date: 2026-11-25 17:55:17.224906

"""
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from portal.services.skill_synonyms import DEFAULT_SYNONYMS, key


# revision identifiers, used by Alembic.
revision = 'df5e2961b819'
down_revision = '882f695502c0'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_index_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultant_id', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("op in ('upsert', 'delete')", name=op.f('ck_search_index_outbox_op')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_index_outbox'))
    )
    with op.batch_alter_table('search_index_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_index_outbox_consultant_id'), ['consultant_id'], unique=False)

    synonyms = op.create_table('skill_synonyms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('alias_key', sa.String(length=80), nullable=False),
    sa.Column('alias', sa.String(length=80), nullable=False),
    sa.Column('canonical', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_skill_synonyms')),
    sa.UniqueConstraint('alias_key', name=op.f('uq_skill_synonyms_alias_key'))
    )
    now = datetime(2026, 11, 25)
    op.bulk_insert(synonyms, [
        {"alias_key": key(alias), "alias": alias, "canonical": canonical, "created_at": now}
        for canonical, aliases in DEFAULT_SYNONYMS.items() for alias in aliases
    ])


def downgrade():
    op.drop_table('skill_synonyms')
    with op.batch_alter_table('search_index_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_index_outbox_consultant_id'))

    op.drop_table('search_index_outbox')
