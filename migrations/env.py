"""Alembic environment: metadata from docstore.schema (the tables the models map), batch mode for SQLite."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from docstore.config import database_url
from docstore.db import make_engine
from docstore.fts import include_name, include_object
from docstore.schema import metadata

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = metadata


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or database_url(context.get_x_argument(as_dictionary=True).get("db"))


# What online and offline runs share: the models, batch mode for SQLite, and the filter that
# keeps the full-text tables (created by hand in 0003 and 0006) out of autogenerate's comparison.
OPTIONS = dict(
    target_metadata=target_metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
    include_object=include_object,
)


def run_migrations_offline() -> None:
    context.configure(url=_url(), literal_binds=True, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # a caller (tests, docstore itself) lends its connection
        _run(connection)
        return
    engine = make_engine(_url())
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _run(connection) -> None:  # noqa: ANN001
    context.configure(connection=connection, **OPTIONS)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
