"""Versioned migrations of the store (Alembic, configured in code by ``zhez.store.Store.migrate``).

Each file in ``versions/`` is one step, ``revision`` after ``down_revision``; a step never imports the
app's models (they describe the newest schema, a step the schema of its day). Add a step: copy the
latest file, give it the next number as ``revision`` and the latest as ``down_revision``, and raise
``zhez.store.SCHEMA_VERSION`` (an older app refuses a store whose ``schema_version`` it does not know).
"""
