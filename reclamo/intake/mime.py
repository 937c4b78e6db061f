"""Reading a raw email (RFC 5322 / MIME) into what the email channel needs, with the standard
library's parser (``email.policy.default``), and deciding whether it is an automatic message.

Nothing here touches the database: :func:`email_parse` turns bytes into an :class:`InboundEmail`
or raises :class:`EmailUnreadable` with a reason a person can act on. The parser is lenient by
design; a message is unreadable only where guessing would be wrong: no header at all, no sender
address, or a multipart message whose parts cannot be found (broken boundaries).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import errors as email_errors
from email import policy as email_policy
from email.headerregistry import BaseHeader, HeaderRegistry
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from functools import lru_cache

import nh3

__all__ = [
    "EmailUnreadable",
    "InboundAttachment",
    "InboundEmail",
    "email_parse",
    "message_ids",
]

# Defects after which the parts of a multipart message cannot be trusted: they would be read
# as a wrong body or lost attachments.
_FATAL_DEFECTS = (
    email_errors.StartBoundaryNotFoundDefect,
    email_errors.MultipartInvariantViolationDefect,
    email_errors.NoBoundaryInMultipartDefect,
    email_errors.CloseBoundaryNotFoundDefect,
)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
_DAEMON = re.compile(r"^(mailer-daemon|postmaster|no-?reply|bounce[s]?)@", re.IGNORECASE)


class _RememberedHeaders(HeaderRegistry):
    """The standard header registry, remembering what it parsed.

    ``email.policy.default`` parses a header again on every read, and the library reads
    Content-Type and Content-Disposition many times per part (``get_body``,
    ``iter_attachments``, ``get_content``): two thirds of the parsing time of a message with an
    attachment went there (cProfile, bench/bench_mail_ingest.py). A parsed header is an
    immutable ``str``, so the same (name, value) may share one.
    """

    def __init__(self) -> None:
        super().__init__()
        self._parsed = lru_cache(maxsize=4096)(super().__call__)

    def __call__(self, name: str, value: str) -> BaseHeader:
        return self._parsed(name, value)  # type: ignore[no-any-return]


_POLICY = email_policy.default.clone(header_factory=_RememberedHeaders())


class EmailUnreadable(Exception):
    """The bytes are not an email the channel can read; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class InboundAttachment:
    name: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class InboundEmail:
    message_id: str  # "<…>"; made from the content's SHA-256 when the message has none
    subject: str
    sender: str  # the From address, lower-cased
    sender_name: str
    # Recipient candidates in the order api.md chooses from (lower-cased addresses).
    delivered_to: tuple[str, ...]
    original_to: tuple[str, ...]
    to_cc: tuple[str, ...]
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    sent_at: datetime | None  # the Date header
    arrived_at: datetime | None  # the topmost Received header: the provider's receipt
    text: str
    html: str  # sanitised with nh3; "" when the message has no HTML body
    attachments: tuple[InboundAttachment, ...]
    automatic: str  # why this is an auto-reply or a bounce ("" for a person's message)


def message_ids(value: str) -> tuple[str, ...]:
    """The ``<id>`` tokens of a Message-ID, In-Reply-To or References header, in order."""
    return tuple(_MESSAGE_ID.findall(value or ""))


def _header(message: Message, name: str) -> str:
    try:
        value = message.get(name)
    except Exception:  # a header the parser cannot decode is treated as absent
        return ""
    return str(value or "").replace("\x00", "").strip()


def _addresses(message: Message, *names: str) -> tuple[str, ...]:
    found: list[str] = []
    for name in names:
        try:
            values = message.get_all(name) or []
        except Exception:  # noqa: S112 - an undecodable address header names no recipient
            continue
        for _display, address in getaddresses([str(value) for value in values]):
            address = address.strip().lower()
            if "@" in address and address not in found:
                found.append(address)
    return tuple(found)


def _instant(raw: str) -> datetime | None:
    if not raw:
        return None
    try:
        instant = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if instant.tzinfo is None:  # "-0000": the time is UTC, its zone unknown (RFC 5322 3.3)
        instant = instant.replace(tzinfo=UTC)
    return instant


def _arrival(message: Message) -> datetime | None:
    received = message.get_all("Received") or []
    if not received:
        return None
    # The topmost Received header is the last hop: the provider's own server.
    top = str(received[0])
    return _instant(top.rsplit(";", 1)[1].strip()) if ";" in top else None


def _automatic(message: Message, sender: str) -> str:
    """Why the message is automatic (RFC 3834, delivery reports), or "" for a person's."""
    auto_submitted = _header(message, "Auto-Submitted").lower()
    if auto_submitted and auto_submitted != "no":
        return f"Auto-Submitted: {auto_submitted}"
    precedence = _header(message, "Precedence").lower()
    if precedence in _BULK_PRECEDENCE:
        return f"Precedence: {precedence}"
    if message.get_content_type() == "multipart/report":
        return "delivery or read report (multipart/report)"
    if message.get_content_type() == "message/delivery-status":
        return "delivery report"
    for header in ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress"):
        value = _header(message, header).lower()
        if value and (header != "X-Auto-Response-Suppress" or "all" in value or "oof" in value):
            return f"{header}: {value}"
    return_path = _header(message, "Return-Path")
    if "Return-Path" in message and parseaddr(return_path)[1] == "" and "<>" in return_path:
        return "empty Return-Path (a bounce)"
    if _DAEMON.match(sender):
        return f"sent by {sender}"
    return ""


def _text_of(part: Message) -> str:
    try:
        content = part.get_content()  # type: ignore[attr-defined]
    except (LookupError, ValueError, AssertionError, KeyError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    return str(content).replace("\x00", "")


def _attachments(message: EmailMessage) -> tuple[InboundAttachment, ...]:
    found: list[InboundAttachment] = []
    if not message.is_multipart():
        return ()
    for part in message.iter_attachments():
        content_type = part.get_content_type()
        if part.is_multipart() or content_type == "message/rfc822":
            data = part.as_bytes()
        else:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
        name = part.get_filename() or "attachment"
        found.append(InboundAttachment(name=str(name)[:255], content_type=content_type, data=data))
    return tuple(found)


def email_parse(raw: bytes) -> InboundEmail:
    """Read ``raw`` (one RFC 5322 message). Raises :class:`EmailUnreadable`."""
    if not raw.strip():
        raise EmailUnreadable("The message is empty.")
    try:
        message = BytesParser(policy=_POLICY).parsebytes(raw)
    except Exception as error:  # the parser gives up on some inputs instead of noting a defect
        raise EmailUnreadable(f"The message cannot be parsed ({type(error).__name__}).") from None
    if not isinstance(message, EmailMessage) or not message.keys():
        raise EmailUnreadable("The message has no header; it is not an email.")
    defects = [*message.defects]
    if message.is_multipart():
        for part in message.walk():
            defects.extend(part.defects)
    for defect in defects:
        if isinstance(defect, _FATAL_DEFECTS):
            raise EmailUnreadable(
                f"The message's MIME structure is broken ({type(defect).__name__}): "
                "its parts cannot be told apart."
            )
    try:
        return _read(message, raw)
    except EmailUnreadable:
        raise
    except Exception as error:  # a header or part the library cannot decode at all
        raise EmailUnreadable(f"The message cannot be read ({type(error).__name__}).") from None


def _read(message: EmailMessage, raw: bytes) -> InboundEmail:
    senders = _addresses(message, "From") or _addresses(message, "Sender")
    if not senders:
        raise EmailUnreadable("The message has no sender address (From).")
    sender = senders[0]
    name = ""
    for display, address in getaddresses([_header(message, "From")]):
        if address.strip().lower() == sender:
            name = display.strip()
            break
    ids = message_ids(_header(message, "Message-ID"))
    message_id = (
        ids[0][:998] if ids else f"<sha256.{hashlib.sha256(raw).hexdigest()}@reclamo.invalid>"
    )
    text_part = message.get_body(preferencelist=("plain",))
    html_part = message.get_body(preferencelist=("html",))
    text = _text_of(text_part) if text_part is not None else ""
    raw_html = _text_of(html_part) if html_part is not None else ""
    clean_html = nh3.clean(raw_html) if raw_html else ""
    if not text.strip() and raw_html:
        # The text is kept from an HTML-only message: tags dropped, entities read.
        text = html.unescape(nh3.clean(raw_html, tags=set()))
    return InboundEmail(
        message_id=message_id,
        subject=_header(message, "Subject")[:300],
        sender=sender,
        sender_name=name[:200],
        delivered_to=_addresses(message, "Delivered-To"),
        original_to=_addresses(message, "X-Original-To"),
        to_cc=_addresses(message, "To", "Cc"),
        in_reply_to=message_ids(_header(message, "In-Reply-To")),
        references=message_ids(_header(message, "References")),
        sent_at=_instant(_header(message, "Date")),
        arrived_at=_arrival(message),
        text=text.strip(),
        html=clean_html,
        attachments=_attachments(message),
        automatic=_automatic(message, sender),
    )
