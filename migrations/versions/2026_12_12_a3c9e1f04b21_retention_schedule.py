"""Retention schedule, warnings and run reports (R-CON-11, R-BUY-6, R-PAR-2)

retention_rules: one row per (data category, person kind), seeded below from the policy
(seed/integritetspolicy-2019-04-15.txt, "Hur länge sparar vi dina uppgifter?") and REQUIREMENTS.md;
portal/services/retention/schedule.py DEFAULTS is the same seed (a test compares them).
retention_warnings: who was warned that their inactive account will be deleted, and when.
retention_runs: what each day's run did, counts only (no personal data).
organisations.retention_grace_days: the agreement's own grace period after a membership or the
agreement ends (empty: the schedule's default, 30 days).

Revision ID: a3c9e1f04b21
Revises: d3f6a2b9e104
Create Date: 2026-12-12 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a3c9e1f04b21'
down_revision = 'd3f6a2b9e104'
branch_labels = None
depends_on = None

YEAR = 365
SEED = [
    ("consultant_account", "consultant", "last_activity", 3 * YEAR, 30, "contract",
     "Policy 2019-04-15, Konsult: inactive accounts deleted after 3 years; R-CON-11"),
    ("representative", "representative", "membership_or_agreement_end", 30, None, "contract_or_interest",
     "Policy 2019-04-15, Konsultköpare/Konsultleverantörer; R-BUY-6, R-SUP-6; grace of the agreement"),
    ("partner_contact", "partner", "membership_or_agreement_end", 30, None, "interest",
     "Policy 2019-04-15, Partners; R-PAR-2; grace of the agreement"),
    ("privacy_request", "any", "closed", 3 * YEAR, None, "rights",
     "GDPR Art. 5(2), 12: proof that a request was handled; R-RIGHTS"),
    ("audit_event", "any", "recorded", 2 * YEAR, None, "log",
     "GDPR Art. 5(2), 32: the security log; R-SEC-2"),
    ("outbox_mail", "any", "sent", 90, None, "contract_or_interest",
     "Inventory outbox_mails: 90 days; R-BUY-2"),
    ("security_log", "any", "recorded", 2 * YEAR, None, "log",
     "GDPR Art. 32: records of sign-ins and security events, as the audit log; R-SEC-2"),
    ("bookkeeping", "any", "financial_year_end", 7 * YEAR, None, "bookkeeping",
     "Bokföringslagen (1999:1078) 7 kap. 2 §: seven years after the end of the year; R-RIGHTS-4"),
]


def upgrade():
    rules = op.create_table('retention_rules',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('person_kind', sa.String(length=20), nullable=False),
    sa.Column('trigger', sa.String(length=40), nullable=False),
    sa.Column('period_days', sa.Integer(), nullable=False),
    sa.Column('warn_days', sa.Integer(), nullable=True),
    sa.Column('legal_basis', sa.String(length=40), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.CheckConstraint('period_days > 0', name=op.f('ck_retention_rules_period_positive')),
    sa.CheckConstraint('warn_days IS NULL OR (warn_days > 0 AND warn_days < period_days)',
                       name=op.f('ck_retention_rules_warn_inside')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_rules')),
    sa.UniqueConstraint('category', 'person_kind', name='uq_retention_rules_category_kind')
    )
    op.create_table('retention_warnings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('last_active_at', sa.DateTime(), nullable=True),
    sa.Column('warned_at', sa.DateTime(), nullable=False),
    sa.Column('delete_on', sa.Date(), nullable=False),
    sa.Column('nonce', sa.String(length=32), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('kept_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_retention_warnings_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_warnings')),
    sa.UniqueConstraint('nonce', name=op.f('uq_retention_warnings_nonce'))
    )
    with op.batch_alter_table('retention_warnings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retention_warnings_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_retention_warnings_state'), ['state'], unique=False)
    op.create_table('retention_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_on', sa.Date(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_runs')),
    sa.UniqueConstraint('run_on', name=op.f('uq_retention_runs_run_on'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('retention_grace_days', sa.Integer(), nullable=True))
    op.bulk_insert(rules, [dict(zip(("category", "person_kind", "trigger", "period_days", "warn_days",
                                     "legal_basis", "source"), row)) for row in SEED])


def downgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('retention_grace_days')
    op.drop_table('retention_runs')
    with op.batch_alter_table('retention_warnings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retention_warnings_state'))
        batch_op.drop_index(batch_op.f('ix_retention_warnings_user_id'))
    op.drop_table('retention_warnings')
    op.drop_table('retention_rules')
