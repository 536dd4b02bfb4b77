"""Cookie consent: the cookie registry, stored banner versions, append-only consent records and
links from consent IDs to accounts (R-WEB-1..4).

Revision ID: eddab09fe085
Revises: 0ba0ba1a04d9
Create Date: 2026-11-25 17:40:31.696565

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'eddab09fe085'
down_revision = '0ba0ba1a04d9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('consent_banner_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('material_digest', sa.String(length=64), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_banner_versions')),
    sa.UniqueConstraint('digest', name=op.f('uq_consent_banner_versions_digest'))
    )
    with op.batch_alter_table('consent_banner_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_banner_versions_material_digest'), ['material_digest'], unique=False)

    op.create_table('cookie_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('provider', sa.String(length=120), nullable=False),
    sa.Column('purpose_en', sa.Text(), nullable=False),
    sa.Column('purpose_sv', sa.Text(), nullable=False),
    sa.Column('lifetime_days', sa.Integer(), nullable=True),
    sa.Column('leaves_eea', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cookie_entries')),
    sa.UniqueConstraint('kind', 'name', name='uq_cookie_entries_kind_name')
    )
    op.create_table('consent_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consent_id', sa.String(length=43), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consent_links_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_links')),
    sa.UniqueConstraint('consent_id', 'user_id', name='uq_consent_links_consent_id_user_id')
    )
    with op.batch_alter_table('consent_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_links_consent_id'), ['consent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_links_user_id'), ['user_id'], unique=False)

    op.create_table('consent_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consent_id', sa.String(length=43), nullable=False),
    sa.Column('banner_version_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('preferences', sa.Boolean(), nullable=False),
    sa.Column('statistics', sa.Boolean(), nullable=False),
    sa.Column('marketing', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['banner_version_id'], ['consent_banner_versions.id'], name=op.f('fk_consent_records_banner_version_id_consent_banner_versions')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consent_records_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_records'))
    )
    with op.batch_alter_table('consent_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_records_consent_id'), ['consent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_consent_records_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('consent_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_records_user_id'))
        batch_op.drop_index(batch_op.f('ix_consent_records_consent_id'))

    op.drop_table('consent_records')
    with op.batch_alter_table('consent_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_links_user_id'))
        batch_op.drop_index(batch_op.f('ix_consent_links_consent_id'))

    op.drop_table('consent_links')
    op.drop_table('cookie_entries')
    with op.batch_alter_table('consent_banner_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_banner_versions_material_digest'))

    op.drop_table('consent_banner_versions')
