"""The forms of the programme pages, one module per stage; import them from here."""

from agreements.forms.amendments import AmendmentClauseFormSet, AmendmentForm
from agreements.forms.base import apply_errors
from agreements.forms.clauses import ClauseForm, DropClauseForm, IndicatorFormSet
from agreements.forms.filters import ClauseFilterForm, ProgrammeFilterForm
from agreements.forms.programmes import CloseForm, ProgrammeForm, ScanForm
from agreements.forms.progress import ProgressReportForm
from agreements.forms.signing import SigningForm

__all__ = [
    "AmendmentClauseFormSet",
    "AmendmentForm",
    "ClauseFilterForm",
    "ClauseForm",
    "CloseForm",
    "DropClauseForm",
    "IndicatorFormSet",
    "ProgrammeFilterForm",
    "ProgrammeForm",
    "ProgressReportForm",
    "ScanForm",
    "SigningForm",
    "apply_errors",
]
