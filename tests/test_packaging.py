"""The wheel serves: built, installed in a fresh venv and run with no source tree beside it.

`pip install reclamo-….whl` then `reclamo serve` must answer every page: the wheel carries the
templates, static files, compiled translations and bundled policies (issue 9). The dependencies
are installed at the versions of uv.lock, from uv's cache where it has them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.serving import serve_start, serve_stop

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _uv() -> str:
    uv = shutil.which("uv") or str(Path.home() / ".local" / "bin" / "uv")
    if not Path(uv).is_file():
        pytest.skip("uv is not installed (./dev installs it): the wheel cannot be built")
    return uv


def _run(*command: str | Path, cwd: Path = ROOT) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _get(url: str) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": "en"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert response.status == 200
        return str(response.read().decode())


def _translation(language: str, message: str) -> str:
    with (ROOT / "reclamo" / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as po:
        translated = read_po(po, locale=language)[message]
    assert translated is not None and translated.string, f"{message!r} not in the {language} .po"
    return str(translated.string)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _run(_uv(), "build", "--wheel", "--out-dir", dist)
    (built,) = dist.glob("reclamo-*.whl")
    return built


def test_the_wheel_carries_templates_static_files_translations_and_policies(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("en", "hu", "ro", "sk"):
        assert f"reclamo/locale/{language}/LC_MESSAGES/django.mo" in names
    for policy in ("pronet", "unitel", "petrocomp"):
        assert f"reclamo/providers/policies/{policy}.yaml" in names
    assert "reclamo/templates/public/home.html" in names
    assert "reclamo/static/css/reclamo.css" in names
    assert not [name for name in names if "/tests/" in name]
    metadata = next(name for name in names if name.endswith(".dist-info/METADATA"))
    assert "Requires-Python: <3.14,>=3.11" in zipfile.ZipFile(wheel).read(metadata).decode()


def test_the_installed_wheel_serves_with_no_source_tree(wheel: Path, tmp_path: Path) -> None:
    uv = _uv()
    venv = tmp_path / "venv"
    _run(uv, "venv", "--quiet", "--python", sys.executable, venv)
    locked = tmp_path / "locked.txt"
    _run(uv, "export", "--frozen", "--no-default-groups", "--no-emit-project", "--no-hashes",
         "--output-file", locked)  # fmt: skip
    _run(uv, "pip", "install", "--quiet", "--python", venv / "bin" / "python", "-c", locked, wheel)
    site = tmp_path / "site"  # an empty working directory: no source tree, no settings
    site.mkdir()

    served = serve_start(None, command=[str(venv / "bin" / "reclamo")], cwd=site, timeout=180)
    try:
        home = _get(served.url + "/")
        contact = _get(served.url + "/sk/p/unitel/")
        css = _get(served.url + "/static/css/reclamo.css")
    finally:
        output = serve_stop(served.process)
    assert "/en/p/unitel/" in home and "/en/p/pronet/" in home and "/en/p/petrocomp/" in home
    assert '<html lang="sk">' in contact
    assert _translation("sk", "If we do not agree") in contact, "no compiled Slovak translation"
    assert css.strip()
    # The data directory defaults to ./var of the working directory, never site-packages.
    assert (site / "var" / "reclamo.sqlite3").is_file(), output
    assert not list((venv / "lib").glob("python*/site-packages/var"))
