"""`DATABASE_URL=postgres://…` switches `reclamo serve` to PostgreSQL with no other change."""

from __future__ import annotations

import json
import os
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

from tests.e2e.conftest import serve_start, serve_stop

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.xdist_group("browser")]

SERVER = os.environ.get("RECLAMO_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/reclamo")


@pytest.fixture
def fresh_postgres_database() -> Iterator[str]:
    psycopg = pytest.importorskip("psycopg")
    admin_url = SERVER.rsplit("/", 1)[0] + "/postgres"
    try:
        admin = psycopg.connect(admin_url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.skip(f"no PostgreSQL server reachable at {admin_url}: {error}")
    name = f"reclamo_serve_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield SERVER.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def test_serve_runs_on_postgresql_with_only_database_url_set(
    tmp_path, fresh_postgres_database: str
) -> None:
    served = serve_start(tmp_path, database_url=fresh_postgres_database)
    try:
        with urllib.request.urlopen(served.url + "/healthz", timeout=5) as response:  # noqa: S310
            assert json.load(response)["database"] == "ok"
        with urllib.request.urlopen(served.url + "/en/", timeout=5) as response:  # noqa: S310
            html = response.read().decode()
        for slug in ("pronet", "unitel", "petrocomp"):
            assert f'href="/en/p/{slug}/"' in html
    finally:
        serve_stop(served.process)
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(fresh_postgres_database) as connection:
        slugs = {row[0] for row in connection.execute("SELECT slug FROM providers_provider")}
    assert slugs == {"pronet", "unitel", "petrocomp"}
