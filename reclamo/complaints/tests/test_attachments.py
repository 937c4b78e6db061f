"""Attachments: the settings' size and type limits give a clear error; files get a safe path."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import translation

from reclamo.complaints.attachments import AttachmentRefused, attachment_check
from reclamo.complaints.models import Attachment, IntakeRecord

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def refusal(**fields) -> AttachmentRefused:  # type: ignore[no-untyped-def]
    values: dict[str, Any] = {
        "name": "invoice.pdf",
        "content_type": "application/pdf",
        "size": 1000,
        "head": PDF,
    }
    values.update(fields)
    with pytest.raises(AttachmentRefused) as caught:
        attachment_check(**values)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content_type", "head"),
    [
        ("invoice.pdf", "application/pdf", PDF),
        ("photo.png", "image/png", PNG),
        ("scan.jpg", "image/jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("scan.tif", "image/tiff", b"II*\x00\x08\x00\x00\x00"),
        ("note.txt", "text/plain; charset=utf-8", "Príloha — ďakujem".encode()),
    ],
)
def test_allowed_files_pass(name, content_type, head):
    attachment_check(name=name, content_type=content_type, size=len(head), head=head)


def test_a_file_over_the_limit_is_refused_naming_the_limit():
    with override_settings(RECLAMO_ATTACHMENT_MAX_BYTES=1024 * 1024), translation.override("en"):
        error = refusal(size=1024 * 1024 + 1)
    assert error.code == "attachment_too_large"
    assert error.field == "attachments"
    assert error.message == (
        "The file invoice.pdf is 1.0\xa0MB; files of at most 1.0\xa0MB are accepted."
    )


def test_a_file_at_the_limit_passes():
    with override_settings(RECLAMO_ATTACHMENT_MAX_BYTES=2048):
        attachment_check(name="a.pdf", content_type="application/pdf", size=2048, head=PDF)


def test_a_type_not_allowed_is_refused_naming_the_accepted_types():
    with translation.override("en"):
        error = refusal(name="setup.exe", content_type="application/x-msdownload", head=b"MZ")
    assert error.code == "attachment_type_not_allowed"
    assert "application/x-msdownload" in error.message
    assert "application/pdf, image/jpeg, image/png, image/tiff, text/plain" in error.message


def test_the_allowed_types_come_from_the_settings():
    with override_settings(RECLAMO_ATTACHMENT_CONTENT_TYPES=("image/png",)):
        assert refusal().code == "attachment_type_not_allowed"


@pytest.mark.parametrize(
    ("content_type", "head"),
    [
        ("application/pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
        ("image/png", PDF),
        ("text/plain", b"\x00\x01binary\x00"),
    ],
)
def test_a_file_that_is_not_what_its_type_says_is_refused(content_type, head):
    assert refusal(content_type=content_type, head=head).code == "attachment_type_mismatch"


def test_an_empty_file_is_refused():
    assert refusal(size=0, head=b"").code == "attachment_empty"


@pytest.mark.django_db
def test_a_stored_file_is_named_by_provider_year_and_a_random_id(provider):
    intake = IntakeRecord.objects.create(
        provider=provider, channel="letter", received_at="2026-11-30T09:00:00Z"
    )
    attachment = Attachment.objects.create(
        intake=intake,
        file=ContentFile(PDF, name="../../etc/passwd.pdf"),
        original_name="../../etc/passwd.pdf",
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    assert re.fullmatch(r"attachments/pronet/\d{4}/[0-9a-f]{32}", attachment.file.name)
    assert attachment.file.read() == PDF
