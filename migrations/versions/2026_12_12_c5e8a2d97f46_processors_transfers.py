"""Processors, data-processing agreements and adequacy decisions (R-SEC-1)

processors: who processes personal data for us (GDPR Art. 28), what for, where the data is, and the
signed DPA (PDF bytes in the row, with its size and SHA-256). No personal data: companies only.
adequacy_decisions: the countries, territories and organisations outside the EEA the Commission found
adequate (Art. 45(3)), seeded below; portal/services/records/adequacy_seed.py is the same list (a test
compares them).

Revision ID: c5e8a2d97f46
Revises: b7d2f8a16c35
Create Date: 2026-12-12 12:00:00.000000

"""
from datetime import date

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c5e8a2d97f46'
down_revision = 'b7d2f8a16c35'
branch_labels = None
depends_on = None

REVIEW_2028 = date(2028, 1, 15)  # the Directive-era decisions, reviewed together on 15 January 2024
SEED = [
    ("AD", "Andorra", "all", "Commission Decision 2010/625/EU", date(2010, 10, 19), None, REVIEW_2028, False),
    ("AR", "Argentina", "all", "Commission Decision 2003/490/EC", date(2003, 6, 30), None, REVIEW_2028, False),
    ("BR", "Brazil", "all", "Commission Implementing Decision (EU) 2026/179", date(2026, 1, 26), None,
     date(2030, 1, 26), False),
    ("CA", "Canada", "commercial", "Commission Decision 2002/2/EC", date(2001, 12, 20), None, REVIEW_2028, False),
    ("FO", "Faroe Islands", "all", "Commission Decision 2010/146/EU", date(2010, 3, 5), None, REVIEW_2028, False),
    ("GG", "Guernsey", "all", "Commission Decision 2003/821/EC", date(2003, 11, 21), None, REVIEW_2028, False),
    ("IL", "Israel", "all", "Commission Decision 2011/61/EU", date(2011, 1, 31), None, REVIEW_2028, False),
    ("IM", "Isle of Man", "all", "Commission Decision 2004/411/EC", date(2004, 4, 28), None, REVIEW_2028, False),
    ("JP", "Japan", "private_sector", "Commission Implementing Decision (EU) 2019/419", date(2019, 1, 23), None,
     date(2027, 4, 3), False),
    ("JE", "Jersey", "all", "Commission Decision 2008/393/EC", date(2008, 5, 8), None, REVIEW_2028, False),
    ("NZ", "New Zealand", "all", "Commission Implementing Decision 2013/65/EU", date(2012, 12, 19), None,
     REVIEW_2028, False),
    ("KR", "Republic of Korea", "private_sector", "Commission Implementing Decision (EU) 2022/254",
     date(2021, 12, 17), None, date(2028, 12, 17), False),
    ("CH", "Switzerland", "all", "Commission Decision 2000/518/EC", date(2000, 7, 26), None, REVIEW_2028, False),
    ("GB", "United Kingdom", "all", "Commission Implementing Decision (EU) 2021/1772, renewed 19 December 2025",
     date(2021, 6, 28), date(2031, 12, 27), date(2029, 12, 19), False),
    ("US", "United States", "dpf", "Commission Implementing Decision (EU) 2023/1795 (EU-US Data Privacy Framework)",
     date(2023, 7, 10), None, date(2027, 10, 9), True),
    ("UY", "Uruguay", "all", "Commission Decision 2012/484/EU", date(2012, 8, 21), None, REVIEW_2028, False),
    ("EPO", "European Patent Organisation", "organisation", "Commission Implementing Decision (EU) 2025/1382",
     date(2025, 7, 15), None, date(2029, 7, 15), False),
]
COLUMNS = ("code", "name", "scope", "decision", "decided_on", "expires_on", "review_on", "requires_certification")


def upgrade():
    decisions = op.create_table('adequacy_decisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('decision', sa.String(length=200), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('requires_certification', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adequacy_decisions')),
    sa.UniqueConstraint('code', name=op.f('uq_adequacy_decisions_code'))
    )
    op.create_table('processors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('service', sa.String(length=300), nullable=False),
    sa.Column('integration', sa.String(length=20), nullable=True),
    sa.Column('data_categories', sa.String(length=500), nullable=False),
    sa.Column('country_code', sa.String(length=8), nullable=False),
    sa.Column('dpf_certified', sa.Boolean(), nullable=False),
    sa.Column('dpa_signed_on', sa.Date(), nullable=True),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('dpa_filename', sa.String(length=200), nullable=True),
    sa.Column('dpa_size', sa.Integer(), nullable=True),
    sa.Column('dpa_sha256', sa.String(length=64), nullable=True),
    sa.Column('dpa_pdf', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('review_on IS NULL OR dpa_signed_on IS NULL OR review_on >= dpa_signed_on',
                       name=op.f('ck_processors_review_after_signing')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_processors'))
    )
    with op.batch_alter_table('processors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_processors_integration'), ['integration'], unique=False)
    op.bulk_insert(decisions, [dict(zip(COLUMNS, row)) for row in SEED])


def downgrade():
    with op.batch_alter_table('processors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_processors_integration'))
    op.drop_table('processors')
    op.drop_table('adequacy_decisions')
