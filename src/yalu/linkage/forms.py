from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from yalu.linkage.models import CandidateStatus

DECISIONS = [
    (CandidateStatus.ACCEPTED, _("accept: the same person")),
    (CandidateStatus.REJECTED, _("reject: different persons")),
    (CandidateStatus.REVERTED, _("revert the accepted link")),
    (CandidateStatus.PENDING, _("reopen for review")),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=DECISIONS)
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to reject or to revert."),
    )

    def __init__(self, *args: Any, allowed: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if allowed is not None:
            self.fields["decision"] = forms.ChoiceField(
                label=_("decision"), choices=[choice for choice in DECISIONS if choice[0] in allowed]
            )


class StartRunForm(forms.Form):
    threshold = forms.FloatField(
        label=_("threshold"),
        initial=0.9,
        min_value=0.01,
        max_value=0.999,
        help_text=_("Pairs with a match probability at least this high go to the review queue."),
    )


LIST_CHOICES_SHOWN = 200


class StartListRunForm(forms.Form):
    """Link the items of one handback list to the registry. The list is looked up again, in scope, on submit."""

    handback_list = forms.IntegerField(label=_("handback list"), widget=forms.Select)
    threshold = forms.FloatField(
        label=_("threshold"),
        initial=0.9,
        min_value=0.01,
        max_value=0.999,
        help_text=_("Pairs with a match probability at least this high go to the review queue."),
    )

    def __init__(self, *args: Any, lists: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "---------")]
        for handback_list in (lists if lists is not None else [])[:LIST_CHOICES_SHOWN]:
            choices.append(
                (
                    str(handback_list.pk),
                    f"{handback_list.list_ref} · {handback_list.sender} · {handback_list.handed_over_on:%Y-%m-%d}",
                )
            )
        self.fields["handback_list"].widget.choices = choices
