"""The database: SQLAlchemy models, engine and sessions, migrations, originals, search, audit log."""

from app.store.engine import Store, default_db_url, make_engine, normalise_url, user_data_dir

__all__ = ["Store", "default_db_url", "make_engine", "normalise_url", "user_data_dir"]
