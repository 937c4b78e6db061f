"""`reclamo import_mail` (Maildir, mbox) and `reclamo fetch_mail` against a real IMAP server
(pymap, a pure-Python IMAP server, started by the test on a free port)."""

from __future__ import annotations

import imaplib
import mailbox
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from reclamo.complaints.models import Complaint, IntakeRecord
from reclamo.intake.tests.conftest import email
from reclamo.providers.models import Provider

USER, PASSWORD = "pronet-inbox", "secret-for-tests"
RECEIVED = datetime(2026, 11, 20, 8, 15, tzinfo=UTC)


def _messages() -> list[bytes]:
    received = (
        b"Received: from mx.example.ro by mail.pronetit.ro; Fri, 20 Nov 2026 10:15:00 +0200\r\n"
    )
    return [
        received + email(message_id="<a@example.ro>"),
        received + email(message_id="<b@example.ro>", to="plati@pronetit.ro", subject="Factura"),
        email(message_id="<c@example.ro>", headers={"Auto-Submitted": "auto-replied"}),
    ]


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_import_mail_takes_a_maildir_or_mbox_once(
    bundled_providers: dict[str, Provider], tmp_path: Path, kind: str
) -> None:
    path = tmp_path / ("Maildir" if kind == "maildir" else "mail.mbox")
    box: mailbox.Mailbox[Any] = mailbox.Maildir(path) if kind == "maildir" else mailbox.mbox(path)
    for raw in _messages():
        box.add(raw)
    box.close()
    output = _run("import_mail", "pronet", str(path))
    assert "3 messages: ignored 1, registered 2" in output
    cases = Complaint.objects.order_by("number")
    assert sorted(case.department for case in cases) == ["payments", "technical"]  # PN-3
    # The receipt is the provider's server's (the topmost Received header), not the import's.
    assert {case.received_at for case in cases} == {RECEIVED}
    # Safe to run again: nothing is registered twice.
    assert "3 messages: duplicate 2, ignored 1" in _run("import_mail", "pronet", str(path))
    assert Complaint.objects.count() == 2
    assert IntakeRecord.objects.filter(channel="email").count() == 6


def test_import_mail_says_what_is_wrong(
    bundled_providers: dict[str, Provider], tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="No provider 'nosuch'"):
        _run("import_mail", "nosuch", str(tmp_path))
    with pytest.raises(CommandError, match="not a Maildir"):
        _run("import_mail", "pronet", str(tmp_path))
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError, match="not an mbox file"):
        _run("import_mail", "pronet", str(tmp_path / "notes.txt"))
    with pytest.raises(CommandError, match="no such file"):
        _run("import_mail", "pronet", str(tmp_path / "missing"))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def imap_server() -> Iterator[int]:
    """A real IMAP server (pymap's in-memory backend) with one mailbox, on a free port."""
    executable = shutil.which("pymap", path=str(Path(sys.executable).parent))
    if executable is None:
        pytest.skip("pymap (dev dependency) is not installed: uv sync installs it")
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 - our own dev dependency, fixed arguments
        [
            executable,
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-tls",
            "dict",
            "--demo-user",
            USER,
            "--demo-password",
            PASSWORD,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"pymap did not start on port {port}")
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _client(port: int) -> imaplib.IMAP4:
    client = imaplib.IMAP4("127.0.0.1", port)
    client.login(USER, PASSWORD)
    return client


def _mailbox_settings(port: int, **changes: str) -> dict[str, dict[str, object]]:
    values: dict[str, object] = {
        "host": "127.0.0.1",
        "port": port,
        "user": USER,
        "password": PASSWORD,
        "folder": "INBOX",
        "security": "none",
        "move_to": "",
    }
    values.update(changes)
    return {"pronet": values}


def test_fetch_mail_takes_unseen_messages_and_marks_them_seen(
    bundled_providers: dict[str, Provider], imap_server: int, settings: object
) -> None:
    client = _client(imap_server)
    for raw in _messages():
        client.append("INBOX", "", "", raw)
    settings.RECLAMO_IMAP_MAILBOXES = _mailbox_settings(imap_server)  # type: ignore[attr-defined]
    output = _run("fetch_mail")
    assert "pronet: 3 messages: ignored 1, registered 2" in output
    assert Complaint.objects.count() == 2
    client.select('"INBOX"')
    assert client.uid("SEARCH", "UNSEEN")[1] == [b""]  # all marked \Seen
    # A rerun finds nothing new; a message put back unseen is a duplicate, not a new case.
    assert "pronet: 0 messages" in _run("fetch_mail", "pronet")
    client.append("INBOX", "", "", _messages()[0])
    assert "duplicate 1" in _run("fetch_mail")
    assert Complaint.objects.count() == 2
    client.logout()


def test_fetch_mail_can_move_fetched_messages(
    bundled_providers: dict[str, Provider], imap_server: int, settings: object
) -> None:
    client = _client(imap_server)
    client.create("Processed")
    client.append("INBOX", "", "", _messages()[0])
    settings.RECLAMO_IMAP_MAILBOXES = _mailbox_settings(imap_server, move_to="Processed")  # type: ignore[attr-defined]
    assert "registered 1" in _run("fetch_mail")
    assert client.select('"INBOX"')[1] == [b"0"]
    assert client.select('"Processed"')[1] == [b"1"]
    client.logout()


def test_fetch_mail_says_when_it_cannot_sign_in(
    bundled_providers: dict[str, Provider], imap_server: int, settings: object
) -> None:
    settings.RECLAMO_IMAP_MAILBOXES = _mailbox_settings(imap_server, password="wrong")  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="could not be read"):
        _run("fetch_mail")
    with pytest.raises(CommandError, match="RECLAMO_IMAP_UNITEL_HOST"):
        _run("fetch_mail", "unitel")


def test_the_worker_fetches_only_where_a_mailbox_is_configured(settings: object) -> None:
    from reclamo.intake.tasks import mailboxes_fetch

    settings.RECLAMO_IMAP_MAILBOXES = {}  # type: ignore[attr-defined]
    assert mailboxes_fetch.call() == "no mailbox configured"
