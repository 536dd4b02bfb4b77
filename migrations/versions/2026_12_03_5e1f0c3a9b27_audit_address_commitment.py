"""Audit events: the chain hashes a commitment to the address, so erasure can remove the address

audit_events.ip_digest: sha256(ip_nonce + ip), what the HMAC chain hashes instead of the address for
events written from now on; audit_events.ip_nonce: the random nonce. Erasure sets ip and ip_nonce to
NULL (with an audit.redact_addresses marker event listing them); the digest alone tells nothing.
Events written before this revision keep hashing the address itself and keep it until they expire.

Revision ID: 5e1f0c3a9b27
Revises: 08d5644ce2b6
Create Date: 2026-12-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1f0c3a9b27'
down_revision = '08d5644ce2b6'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ip_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('ip_nonce', sa.String(length=32), nullable=True))


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_column('ip_nonce')
        batch_op.drop_column('ip_digest')
