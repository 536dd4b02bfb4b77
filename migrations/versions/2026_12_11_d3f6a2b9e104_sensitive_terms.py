"""Sensitive terms: words and phrases staff add to the sensitive-data guard (R-CON-8)

sensitive_terms: the term as written and as the guard reads it (key), its special category (kind),
whether it describes a person or names a subject (role), and its language. Who added it is in the
audit log, so the table holds no personal data.

Revision ID: d3f6a2b9e104
Revises: c7a91e5d2f40
Create Date: 2026-12-11 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd3f6a2b9e104'
down_revision = 'c7a91e5d2f40'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sensitive_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=80), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('language', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sensitive_terms')),
    sa.UniqueConstraint('key', 'language', name='uq_sensitive_terms_key_language')
    )


def downgrade():
    op.drop_table('sensitive_terms')
