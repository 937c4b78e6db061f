"""Provider admins upload a new policy version in the admin, validated like check_policy."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reclamo.accounts.models import User
from reclamo.accounts.tests.factories import ProviderAdminFactory, ProviderStaffFactory
from reclamo.providers.models import PolicyVersion
from reclamo.providers.services import BUNDLED_POLICIES_DIR

ADD_URL = "/admin/providers/policyversion/add/"


def _file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="application/yaml")


@pytest.fixture
def unitel_admin(bundled_providers) -> User:
    return ProviderAdminFactory.create(provider=bundled_providers["unitel"])


def test_a_provider_admin_uploads_a_new_version_of_their_procedure(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    text = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8") + "# amended\n"
    response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", text)})
    assert response.status_code == 302, response.content.decode()[:2000]
    newest = PolicyVersion.objects.filter(provider__slug="unitel").latest("loaded_at")
    assert newest.source_text == text
    assert newest.loaded_by == unitel_admin.username


def test_an_invalid_upload_shows_every_problem_with_its_line(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    text = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8")
    broken = text.replace("currency: EUR", "currency: euro", 1)
    line = broken.splitlines().index("currency: euro") + 1
    response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", broken)})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"unitel.yaml:{line}: currency" in html
    assert PolicyVersion.objects.filter(provider__slug="unitel").count() == 1


def test_a_provider_admin_cannot_upload_another_providers_procedure(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    text = (BUNDLED_POLICIES_DIR / "pronet.yaml").read_text(encoding="utf-8") + "# x\n"
    response = client.post(ADD_URL, {"policy_file": _file("pronet.yaml", text)})
    assert response.status_code == 200
    assert "you may upload only" in response.content.decode()
    assert PolicyVersion.objects.filter(provider__slug="pronet").count() == 1


def test_a_provider_admin_sees_only_their_own_versions(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    html = client.get("/admin/providers/policyversion/").content.decode()
    assert "UNITEL" in html
    assert "PETROCOMP" not in html and "ProNET" not in html


def test_complaint_handlers_cannot_upload(client, bundled_providers) -> None:
    # Signed in to the admin (is_staff) but a complaint handler, not the provider's admin.
    staff = ProviderStaffFactory(provider=bundled_providers["unitel"], is_staff=True)
    client.force_login(staff)
    assert client.get(ADD_URL).status_code == 403
