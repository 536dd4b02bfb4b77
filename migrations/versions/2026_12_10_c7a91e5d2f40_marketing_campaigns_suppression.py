"""Marketing that obeys: campaigns, suppression list, hand-overs; offers and surveys choices; mail headers

marketing_campaigns: a mailing staff write in Swedish and English for one topic and segment; counts only.
marketing_suppressions: keyed hashes (HMAC) of addresses that unsubscribed from a topic or objected ("all").
marketing_handovers: each hand-over of name and e-mail to the named marketing service (R-SEC-4), a count.
communication_preferences.offers / surveys: the choice per topic; the existing rows take them from the box
that covered them (newsletters → offers, events → surveys). Data: every person who objected to marketing gets
every topic turned off, so the preferences and the objection say the same (issue 14, finding 3).
outbox_mails.headers_json: extra headers such as List-Unsubscribe (RFC 8058).

Revision ID: c7a91e5d2f40
Revises: b4d2e8a61c37
Create Date: 2026-12-10 14:00:00.000000

"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7a91e5d2f40'
down_revision = 'b4d2e8a61c37'
branch_labels = None
depends_on = None

TOPIC_COLUMNS = ("newsletters", "events", "offers", "surveys")


def upgrade():
    op.create_table('marketing_campaigns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=20), nullable=False),
    sa.Column('segment_role', sa.String(length=20), nullable=False),
    sa.Column('segment_locale', sa.String(length=5), nullable=True),
    sa.Column('subject_sv', sa.String(length=200), nullable=False),
    sa.Column('subject_en', sa.String(length=200), nullable=False),
    sa.Column('body_sv', sa.Text(), nullable=False),
    sa.Column('body_en', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_by_id', sa.Integer(), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('sent_count', sa.Integer(), nullable=False),
    sa.Column('unsubscribed_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_marketing_campaigns_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'], name=op.f('fk_marketing_campaigns_sent_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_campaigns'))
    )
    op.create_table('marketing_suppressions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.Column('topic', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_suppressions')),
    sa.UniqueConstraint('email_hash', 'topic', name='uq_marketing_suppressions_hash_topic')
    )
    with op.batch_alter_table('marketing_suppressions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_suppressions_email_hash'), ['email_hash'], unique=False)
    op.create_table('marketing_handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('campaign_id', sa.Integer(), nullable=False),
    sa.Column('service', sa.String(length=120), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['campaign_id'], ['marketing_campaigns.id'], name=op.f('fk_marketing_handovers_campaign_id_marketing_campaigns'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_marketing_handovers_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marketing_handovers'))
    )
    with op.batch_alter_table('marketing_handovers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_marketing_handovers_campaign_id'), ['campaign_id'], unique=False)

    with op.batch_alter_table('communication_preferences', schema=None) as batch_op:
        batch_op.add_column(sa.Column('offers', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('surveys', sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table('outbox_mails', schema=None) as batch_op:
        batch_op.add_column(sa.Column('headers_json', sa.Text(), nullable=True))

    preferences = sa.table('communication_preferences', sa.column('user_id', sa.Integer),
                           sa.column('updated_at', sa.DateTime),
                           *(sa.column(c, sa.Boolean) for c in TOPIC_COLUMNS))
    objections = sa.table('marketing_objections', sa.column('user_id', sa.Integer))
    op.execute(preferences.update().values(offers=preferences.c.newsletters, surveys=preferences.c.events))
    # One source of truth: an objection turns every topic off in the preferences too.
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    objected = sa.select(objections.c.user_id)
    op.execute(preferences.update().where(preferences.c.user_id.in_(objected))
               .values(updated_at=now, **dict.fromkeys(TOPIC_COLUMNS, False)))
    missing = sa.select(objections.c.user_id, sa.literal(now), *(sa.false() for _ in TOPIC_COLUMNS)).where(
        objections.c.user_id.not_in(sa.select(preferences.c.user_id)))
    op.execute(preferences.insert().from_select(['user_id', 'updated_at', *TOPIC_COLUMNS], missing))


def downgrade():
    with op.batch_alter_table('outbox_mails', schema=None) as batch_op:
        batch_op.drop_column('headers_json')
    with op.batch_alter_table('communication_preferences', schema=None) as batch_op:
        batch_op.drop_column('surveys')
        batch_op.drop_column('offers')
    with op.batch_alter_table('marketing_handovers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_handovers_campaign_id'))
    op.drop_table('marketing_handovers')
    with op.batch_alter_table('marketing_suppressions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_marketing_suppressions_email_hash'))
    op.drop_table('marketing_suppressions')
    op.drop_table('marketing_campaigns')
