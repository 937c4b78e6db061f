from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from reclamo.domain.policy import PolicyInvalid, load_policy_text
from reclamo.providers.models import PolicyVersion

MAX_POLICY_BYTES = 512 * 1024


class PolicyUploadForm(forms.ModelForm):
    """Upload a new version of a procedure; validated exactly as `reclamo check_policy` does."""

    policy_file = forms.FileField(
        label=_("Policy file (YAML)"),
        help_text=_("The whole procedure as a policy file; see docs/policy-format.md."),
    )

    class Meta:
        model = PolicyVersion
        fields: list[str] = []

    def __init__(self, *args: Any, provider_slug: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.provider_slug = provider_slug
        self.text = ""

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
            policy = load_policy_text(self.text, source=upload.name)
        except PolicyInvalid as invalid:
            raise forms.ValidationError([str(problem) for problem in invalid.problems]) from None
        if self.provider_slug is not None and policy.slug != self.provider_slug:
            raise forms.ValidationError(
                _("This file is the procedure of '%(found)s'; you may upload only '%(own)s'.")
                % {"found": policy.slug, "own": self.provider_slug}
            )
        return upload
