"""timestamps and a version on the honorific list, cited positions and the house style

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

NOW = sa.text('(CURRENT_TIMESTAMP)')


def _stamps(table: str, *, version: bool) -> None:
    # SQLite cannot ADD a column whose default is CURRENT_TIMESTAMP, so the table is
    # rebuilt (foreign keys are off during migrations, see db/migrate.py).
    with op.batch_alter_table(table, schema=None, recreate='always') as batch_op:
        batch_op.add_column(sa.Column('created_at', sa.DateTime(), server_default=NOW, nullable=False))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(), server_default=NOW, nullable=False))
        if version:
            batch_op.add_column(
                sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False)
            )


def upgrade() -> None:
    _stamps('honorific', version=True)
    _stamps('cited_position', version=True)
    _stamps('house_style', version=False)  # it had its version already


def downgrade() -> None:
    for table, version in (('house_style', False), ('cited_position', True), ('honorific', True)):
        with op.batch_alter_table(table, schema=None, recreate='always') as batch_op:
            if version:
                batch_op.drop_column('version')
            batch_op.drop_column('updated_at')
            batch_op.drop_column('created_at')
