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


def test_an_upload_with_another_providers_brand_is_refused(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    text = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8")
    renamed = text.replace("  brand: UNITEL", "  brand: ProNET", 1)
    assert renamed != text
    response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", renamed)})
    assert response.status_code == 200
    assert "belongs to another provider (pronet)" in response.content.decode()
    assert PolicyVersion.objects.filter(provider__slug="unitel").count() == 1


def test_an_upload_with_another_providers_legal_name_is_refused(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    text = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8")
    renamed = text.replace("  legal_name: UNITEL s.r.o.", "  legal_name: ProNET Soluții IT SRL")
    response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", renamed)})
    assert "belongs to another provider (pronet)" in response.content.decode()
    assert PolicyVersion.objects.filter(provider__slug="unitel").count() == 1


def test_the_superuser_may_load_a_file_sharing_a_name(client, bundled_providers) -> None:
    client.force_login(User.objects.create_superuser("root", "r@example.com", "pw-12345-long"))
    text = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8")
    renamed = text.replace("  brand: UNITEL", "  brand: ProNET", 1)
    response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", renamed)})
    assert response.status_code == 302
    assert PolicyVersion.objects.filter(provider__slug="unitel").count() == 2


def test_an_identical_upload_names_the_version_and_can_reinstate_it(client, unitel_admin) -> None:
    from datetime import UTC, datetime

    from reclamo.providers.models import ProviderEvent
    from reclamo.providers.selectors import policy_in_force

    client.force_login(unitel_admin)
    original = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8")
    first = PolicyVersion.objects.get(provider__slug="unitel")
    # A corrected file with the same effective date takes over…
    client.post(ADD_URL, {"policy_file": _file("unitel.yaml", original + "# corrected\n")})
    at = datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert policy_in_force(provider=first.provider, at=at) != first
    # …re-uploading the original says which version it is, and changes nothing yet.
    response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", original)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "identical to version 2020-07-01 loaded on" in html and " UTC." in html
    assert policy_in_force(provider=first.provider, at=at) != first
    # Ticking "Reinstate it" makes it the one in force again, and the trail says who did it.
    response = client.post(
        ADD_URL, {"policy_file": _file("unitel.yaml", original), "reinstate": "on"}
    )
    assert response.status_code == 302
    assert policy_in_force(provider=first.provider, at=at) == first
    assert PolicyVersion.objects.filter(provider__slug="unitel").count() == 2
    event = ProviderEvent.objects.get(type="policy_version_reinstated")
    assert event.actor == unitel_admin.username and event.data["policy_version"] == first.pk


def test_the_policy_file_is_shown_monospaced_with_its_indentation(client, unitel_admin) -> None:
    client.force_login(unitel_admin)
    version = PolicyVersion.objects.get(provider__slug="unitel")
    html = client.get(f"/admin/providers/policyversion/{version.pk}/change/").content.decode()
    start = html.index('<pre class="policy-file">')
    shown = html[start : html.index("</pre>", start)]
    assert "\n  legal_name: UNITEL s.r.o.\n" in shown
    assert "<br>" not in shown
    assert "UTC" in html, "times are labelled with their zone"


@pytest.mark.django_db(transaction=True)
def test_the_admin_upload_parses_outside_any_transaction(client) -> None:
    from typing import Any
    from unittest import mock

    from django.db import connection

    from reclamo.providers import services

    services.bundled_policies_load()
    admin = User.objects.create_user(
        username="ua",
        password="pw-12345-long",
        role=User.Role.PROVIDER_ADMIN,
        provider=PolicyVersion.objects.get(provider__slug="unitel").provider,
        is_staff=True,
    )
    client.force_login(admin)
    real = services.load_policy_text
    seen: list[bool] = []

    def parse(*args: Any, **kwargs: Any) -> Any:
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    text = (BUNDLED_POLICIES_DIR / "unitel.yaml").read_text(encoding="utf-8") + "# amended\n"
    with mock.patch.object(services, "load_policy_text", parse):
        response = client.post(ADD_URL, {"policy_file": _file("unitel.yaml", text)})
    assert response.status_code == 302
    assert seen and not any(seen), "no transaction (no SQLite write lock) while parsing"


@pytest.mark.parametrize("role", [User.Role.PROVIDER_ADMIN, User.Role.STAFF])
def test_no_link_on_a_provider_staff_members_admin_pages_is_a_bare_403(
    client, bundled_providers, role: str
) -> None:
    import re

    user = User.objects.create_user(
        username="u",
        password="pw-12345-long",
        role=role,
        provider=bundled_providers["unitel"],
        is_staff=True,
    )
    client.force_login(user)
    version = PolicyVersion.objects.get(provider__slug="unitel")
    pages = ["/admin/", "/admin/providers/", "/admin/providers/policyversion/"]
    pages.append(f"/admin/providers/policyversion/{version.pk}/change/")
    seen: set[str] = set()
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        for link in re.findall(r'href="(/admin/[^"#]*)"', response.content.decode()):
            if link in seen or "logout" in link:
                continue
            seen.add(link)
            assert client.get(link.replace("&amp;", "&")).status_code != 403, (page, link)
    assert "/admin/providers/provider/" in " ".join(seen), "the provider link is checked"
