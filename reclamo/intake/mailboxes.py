"""Where emails come from besides the API: Maildir directories and mbox files
(`reclamo import_mail`), and IMAP mailboxes (`reclamo fetch_mail`, and the worker's periodic
job). Each message goes through :func:`reclamo.intake.mail.email_receive`, so a rerun is
harmless: a Message-ID already taken answers ``duplicate``.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import mailbox
import ssl
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from reclamo.intake.mail import email_receive
from reclamo.intake.mail_outcome import EmailOutcome
from reclamo.providers.models import Provider
from reclamo.providers.selectors import provider_get

__all__ = [
    "ImapMailbox",
    "MailSourceError",
    "imap_fetch",
    "imap_fetch_all",
    "mail_file_import",
    "mail_file_messages",
]

logger = logging.getLogger(__name__)


class MailSourceError(Exception):
    """A mail file or mailbox cannot be read; the message says which and why."""


@dataclass(frozen=True, slots=True)
class ImapMailbox:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    security: str = "ssl"  # ssl, starttls or none
    move_to: str = ""

    @classmethod
    def from_settings(cls, values: dict[str, Any]) -> ImapMailbox:
        return cls(**values)

    @property
    def label(self) -> str:
        return f"imap:{self.user}@{self.host}/{self.folder}"[:255]


def mail_file_messages(path: Path) -> Iterator[tuple[str, bytes]]:
    """(key, raw message) of every message in a Maildir directory or an mbox file."""
    if path.is_dir():
        if not all((path / sub).is_dir() for sub in ("cur", "new", "tmp")):
            raise MailSourceError(
                f"{path}: a directory but not a Maildir (it needs cur/, new/ and tmp/)."
            )
        box: mailbox.Mailbox[Any] = mailbox.Maildir(path, factory=None, create=False)
    elif path.is_file():
        with path.open("rb") as head:
            start = head.read(5)
        if start != b"From ":
            raise MailSourceError(f"{path}: not an mbox file (it must start with 'From ').")
        box = mailbox.mbox(path, create=False)
    else:
        raise MailSourceError(f"{path}: no such file or directory.")
    try:
        for key in box.iterkeys():
            yield str(key), box.get_bytes(key)
    finally:
        box.close()


def mail_file_import(
    *,
    provider: Provider,
    path: Path,
    progress: Callable[[str, EmailOutcome], None] | None = None,
) -> Counter[str]:
    """Take every message of a Maildir or mbox for ``provider``; the count per outcome."""
    counts: Counter[str] = Counter()
    for key, raw in mail_file_messages(path):
        outcome = email_receive(
            provider=provider,
            raw=raw,
            source_label=f"file:{path.name}/{key}"[:255],
            from_headers=True,
        )
        counts[outcome.outcome] += 1
        if progress is not None:
            progress(key, outcome)
    return counts


def _connect(box: ImapMailbox) -> imaplib.IMAP4:
    client: imaplib.IMAP4
    if box.security == "ssl":
        client = imaplib.IMAP4_SSL(box.host, box.port, ssl_context=ssl.create_default_context())
    else:
        client = imaplib.IMAP4(box.host, box.port)
        if box.security == "starttls":
            client.starttls(ssl_context=ssl.create_default_context())
    client.login(box.user, box.password)
    return client


def imap_fetch(*, provider: Provider, box: ImapMailbox) -> Counter[str]:
    """Take every unseen message of ``box`` for ``provider``, then mark it \\Seen (or move it
    to ``box.move_to``). A message is marked only after it is taken, so a crash between the
    two takes it again next time — as a duplicate."""
    counts: Counter[str] = Counter()
    try:
        client = _connect(box)
    except (OSError, imaplib.IMAP4.error) as error:
        raise MailSourceError(f"{box.label}: cannot sign in ({error}).") from None
    try:
        status, _ = client.select(_quoted(box.folder))
        if status != "OK":
            raise MailSourceError(f"{box.label}: no folder {box.folder!r}.")
        status, data = client.uid("SEARCH", "UNSEEN")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        for uid in uids:
            status, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next(
                (part[1] for part in parts or [] if isinstance(part, tuple) and len(part) > 1),
                None,
            )
            if status != "OK" or not isinstance(raw, bytes):
                logger.warning("%s: message %s could not be fetched", box.label, uid)
                continue
            outcome = email_receive(
                provider=provider, raw=raw, source_label=box.label, from_headers=True
            )
            counts[outcome.outcome] += 1
            if box.move_to:
                client.uid("COPY", uid, _quoted(box.move_to))
                client.uid("STORE", uid, "+FLAGS", "(\\Seen \\Deleted)")
            else:
                client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
        if box.move_to:
            client.expunge()
    except imaplib.IMAP4.error as error:
        raise MailSourceError(f"{box.label}: {error}") from None
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            client.logout()
    return counts


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _log_error(message: str) -> None:
    logger.error("%s", message)


def imap_fetch_all(
    *, slug: str | None = None, on_error: Callable[[str], None] = _log_error
) -> dict[str, Counter[str]]:
    """Read every mailbox of ``settings.RECLAMO_IMAP_MAILBOXES`` (or only ``slug``'s). A
    mailbox that fails is reported to ``on_error`` (logged by default) and the others are
    still read; it has no entry in the answer."""
    results: dict[str, Counter[str]] = {}
    configured: dict[str, dict[str, Any]] = settings.RECLAMO_IMAP_MAILBOXES
    for key, values in configured.items():
        if slug is not None and key != slug:
            continue
        provider = provider_get(slug=key)
        if provider is None:
            on_error(f"RECLAMO_IMAP_{key.upper()}_HOST: no provider {key!r}.")
            continue
        try:
            results[key] = imap_fetch(provider=provider, box=ImapMailbox.from_settings(values))
        except MailSourceError as error:
            on_error(str(error))
    return results
