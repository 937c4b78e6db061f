"""What an attachment may be (the limits from settings, checked before anything is stored), and
storing one."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from reclamo.complaints.models import Attachment, Complaint, IntakeRecord

# The first bytes of each allowed binary type: the declared content type must match the file,
# so a renamed executable is not stored as "a PDF".
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/tiff": (b"II*\x00", b"MM\x00*"),
}


class AttachmentRefused(Exception):
    """An attachment breaks a limit: `code`, a message for the sender, and the form `field`.

    Shaped like the services' ApplicationError (code, message, field) so the API answers 422 and
    a form shows the message.
    """

    def __init__(self, code: str, message: str, field: str = "attachments") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


def attachment_check(*, name: str, content_type: str, size: int, head: bytes) -> None:
    """Refuse an attachment that is empty, too large, of a type not allowed, or not what its
    type says (`head`: the file's first bytes, at least 8). Raises `AttachmentRefused`."""
    limit: int = settings.RECLAMO_ATTACHMENT_MAX_BYTES
    allowed: tuple[str, ...] = settings.RECLAMO_ATTACHMENT_CONTENT_TYPES
    media_type = content_type.split(";", 1)[0].strip().lower()
    if size <= 0:
        raise AttachmentRefused(
            "attachment_empty", _("The file %(name)s is empty.") % {"name": name}
        )
    if size > limit:
        raise AttachmentRefused(
            "attachment_too_large",
            _("The file %(name)s is %(size)s; files of at most %(limit)s are accepted.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if media_type not in allowed:
        raise AttachmentRefused(
            "attachment_type_not_allowed",
            _(
                "The file %(name)s is of a type that is not accepted (%(type)s). "
                "Accepted: %(allowed)s."
            )
            % {"name": name, "type": media_type or "?", "allowed": ", ".join(allowed)},
        )
    if not _looks_like(media_type, head):
        raise AttachmentRefused(
            "attachment_type_mismatch",
            _("The file %(name)s is not a %(type)s file.") % {"name": name, "type": media_type},
        )


def _looks_like(media_type: str, head: bytes) -> bool:
    signatures = _SIGNATURES.get(media_type)
    if signatures is not None:
        return head.startswith(signatures)
    if media_type.startswith("text/"):
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            # The head may cut a multi-byte character in two at its end.
            text = head[: error.start].decode("utf-8") if error.start >= len(head) - 3 else "\0"
        return "\0" not in text
    return True


def attachment_store(
    *,
    file: File,
    name: str,
    content_type: str,
    complaint: Complaint | None = None,
    intake: IntakeRecord | None = None,
) -> Attachment:
    """Check ``file`` against the limits (``attachment_check``), then store it under the data
    directory as an attachment of ``complaint`` and/or ``intake``. Raises `AttachmentRefused`.

    The checksum is read before the transaction opens: nothing slow runs while it is held.
    """
    file.seek(0)
    head = file.read(16)
    attachment_check(name=name, content_type=content_type, size=file.size or 0, head=head)
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    with transaction.atomic(durable=True):
        attachment = Attachment(
            complaint=complaint,
            intake=intake,
            original_name=name[:255],
            content_type=content_type.split(";", 1)[0].strip().lower()[:100],
            size=file.size or 0,
            sha256=digest.hexdigest(),
        )
        attachment.file.save(name, file, save=False)
        attachment.save(force_insert=True)
    return attachment
