from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reclamo.domain.policy import PolicyInvalid
from reclamo.errors import ApplicationError
from reclamo.providers.models import PolicyVersion
from reclamo.providers.selectors import policy_version_identical
from reclamo.providers.services import policy_checksum, policy_file_validate

MAX_POLICY_BYTES = 512 * 1024


def when_labelled(value: Any) -> str:
    """An instant as the admin shows it: in the active time zone, with the zone's name."""
    local = timezone.localtime(value)
    return f"{local:%Y-%m-%d %H:%M} {timezone.get_current_timezone_name()}"


class PolicyUploadForm(forms.ModelForm):
    """Upload a new version of a procedure; validated exactly as `reclamo check_policy` does.

    Parsing happens here, in the form, before the service opens its transaction.
    """

    policy_file = forms.FileField(
        label=_("Policy file (YAML)"),
        help_text=_("The whole procedure as a policy file; see docs/policy-format.md."),
    )
    reinstate = forms.BooleanField(
        label=_("Reinstate it"),
        required=False,
        help_text=_(
            "If this file is identical to a version already loaded, make that version the one "
            "in force again (among versions with the same effective date)."
        ),
    )

    class Meta:
        model = PolicyVersion
        fields: list[str] = []

    def __init__(
        self,
        *args: Any,
        provider_slug: str | None = None,
        check_names: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.provider_slug = provider_slug
        self.check_names = check_names
        self.text = ""
        self.identical: PolicyVersion | None = None

    def clean_policy_file(self) -> Any:
        upload = self.cleaned_data["policy_file"]
        if upload.size > MAX_POLICY_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d KiB; a policy file is plain text.")
                % {"limit": MAX_POLICY_BYTES // 1024}
            )
        try:
            self.text = upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from None
        try:
            policy = policy_file_validate(
                text=self.text, source_name=upload.name, check_names=self.check_names
            )
        except PolicyInvalid as invalid:
            raise forms.ValidationError([str(problem) for problem in invalid.problems]) from None
        except ApplicationError as refused:
            raise forms.ValidationError(refused.message, code=refused.code) from None
        if self.provider_slug is not None and policy.slug != self.provider_slug:
            raise forms.ValidationError(
                _("This file is the procedure of '%(found)s'; you may upload only '%(own)s'.")
                % {"found": policy.slug, "own": self.provider_slug}
            )
        self.identical = policy_version_identical(
            slug=policy.slug, checksum=policy_checksum(self.text)
        )
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.identical is not None and not cleaned.get("reinstate"):
            self.add_error(
                "policy_file",
                _(
                    "This file is identical to version %(version)s loaded on %(loaded)s. "
                    "Tick “Reinstate it” and upload it again to make that version the one in "
                    "force."
                )
                % {
                    "version": self.identical.version,
                    "loaded": when_labelled(self.identical.loaded_at),
                },
            )
        return cleaned
