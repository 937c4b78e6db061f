"""The case page's remedy: computed with its working, applied through the form; the credits
export streamed as CSV; another provider's staff get a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from reclamo.accounts.tests.factories import ProviderStaffFactory
from reclamo.billing.models import AppliedRemedy
from reclamo.billing.tests import test_remedies
from reclamo.complaints.models import Complaint
from reclamo.providers.models import Provider

pytestmark = pytest.mark.django_db
petrocomp_case = test_remedies.petrocomp_case  # the fixture: a case an outage caused


def test_staff_see_the_working_apply_the_remedy_and_export_it(
    client: Any,
    petrocomp_case: Complaint,
    bundled_providers: dict[str, Provider],
) -> None:
    client.force_login(ProviderStaffFactory(provider=bundled_providers["petrocomp"]))
    page = reverse("console:case", args=["petrocomp", petrocomp_case.number])
    html = client.get(page, headers={"accept-language": "en"}).content.decode()
    assert "Credit for the outage" in html and "PC-6" in html and "= 3.00" in html
    apply = reverse("console:remedy_apply", args=["petrocomp", petrocomp_case.number])
    answer = client.post(
        apply, {"kind": "outage_credit", "method": "refund", "amount": "4.00", "reason": ""}
    )
    assert answer.status_code == 302 and not AppliedRemedy.objects.exists()
    answer = client.post(
        apply,
        {"kind": "outage_credit", "method": "refund", "amount": "4.00", "reason": "Goodwill"},
    )
    assert answer.status_code == 302
    remedy = AppliedRemedy.objects.get()
    assert (str(remedy.amount), remedy.adjustment_reason) == ("4.00", "Goodwill")
    html = client.get(page).content.decode()
    assert "Goodwill" in html and "4.00 EUR" in html
    export = client.get(reverse("console:credits_export", args=["petrocomp"]))
    assert export.status_code == 200 and export.streaming
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0].lstrip("\ufeff").startswith("id,recorded_at,customer_reference")
    assert lines[1].split(",")[2:7] == [
        "P1",
        "outage_credit",
        "refund",
        "4.00",
        "EUR",
    ]
    assert petrocomp_case.number in lines[1]


def test_another_providers_staff_get_a_404(
    client: Any,
    petrocomp_case: Complaint,
    bundled_providers: dict[str, Provider],
) -> None:
    client.force_login(ProviderStaffFactory(provider=bundled_providers["unitel"]))
    apply = reverse("console:remedy_apply", args=["petrocomp", petrocomp_case.number])
    assert client.post(apply, {"kind": "outage_credit", "method": "refund"}).status_code == 404
    assert client.get(reverse("console:credits_export", args=["petrocomp"])).status_code == 404
    assert not AppliedRemedy.objects.exists()
