"""Text messages to customers, through a backend chosen by ``RECLAMO_SMS_BACKEND``.

Shaped like Django's email backends: a production installation names its gateway's backend (a
subclass of :class:`BaseSmsBackend`); development uses :class:`ConsoleBackend` or
:class:`FileBackend` (one file per message under ``RECLAMO_SMS_FILE_PATH``), tests
:class:`LocmemBackend`. A backend raises :class:`SmsError` (or anything) when a message did not
leave; the caller records the failure and retries, nothing is dropped silently.
"""

from __future__ import annotations

import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

__all__ = [
    "BaseSmsBackend",
    "ConsoleBackend",
    "FileBackend",
    "LocmemBackend",
    "SmsError",
    "SmsMessage",
    "sms_backend",
    "sms_send",
]


class SmsError(Exception):
    """A message could not be handed to the gateway."""


@dataclass(frozen=True, slots=True)
class SmsMessage:
    to: str
    body: str


class BaseSmsBackend:
    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send ``messages``; return how many left. Raise when one could not be sent."""
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    def send_messages(self, messages: list[SmsMessage]) -> int:
        for message in messages:
            sys.stdout.write(f"SMS to {message.to}\n{message.body}\n{'-' * 40}\n")
        sys.stdout.flush()
        return len(messages)


class FileBackend(BaseSmsBackend):
    """Each message in its own file, ``<UTC instant>-<random>.txt``, first line ``To: …``."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path or settings.RECLAMO_SMS_FILE_PATH)

    def send_messages(self, messages: list[SmsMessage]) -> int:
        self.path.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        for message in messages:
            target = self.path / f"{stamp}-{uuid.uuid4().hex[:12]}.txt"
            target.write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    """Keeps messages in ``LocmemBackend.outbox`` (tests empty it themselves)."""

    outbox: ClassVar[list[SmsMessage]] = []

    def send_messages(self, messages: list[SmsMessage]) -> int:
        type(self).outbox.extend(messages)
        return len(messages)


def sms_backend(path: str | None = None) -> BaseSmsBackend:
    backend_class = import_string(path or settings.RECLAMO_SMS_BACKEND)
    backend: BaseSmsBackend = backend_class()
    return backend


def sms_send(*, to: str, body: str) -> None:
    """Send one text message through the configured backend; raises if it did not leave."""
    if sms_backend().send_messages([SmsMessage(to=to, body=body)]) != 1:
        raise SmsError(f"the SMS backend did not accept the message to {to}")
