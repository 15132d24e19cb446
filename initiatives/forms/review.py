"""The municipality's review decision."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReviewForm(forms.Form):
    class Decision:
        PUBLISH = "publish"
        REQUEST_CHANGES = "request_changes"
        REJECT = "reject"
        ARCHIVE = "archive"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("publish", _("Publish")),
            ("request_changes", _("Ask for changes")),
            ("reject", _("Reject")),
            ("archive", _("Archive (published initiatives)")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for the initiative"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when you ask for changes or reject: the initiative reads it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in {"request_changes", "reject"} and not (cleaned.get("comment") or "").strip():
            self.add_error("comment", _("Please write a comment the initiative can read."))
        return cleaned
