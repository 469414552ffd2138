"""Alembic's entry point: run the steps on the connection (and inside the transaction) that ``Store.migrate`` holds."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transactional_ddl=True, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
