"""/verify/: whether a PDF is a document of this app, and unchanged since issue."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from agreements.forms.verify import VerifyForm
from parties.models import IssuedDocument
from parties.verification import verify_copy


@login_required
def verify(request):
    form = VerifyForm(request.POST or None, request.FILES or None)
    verdict = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            verdict = verify_copy(form.cleaned_data["copy"])
        else:
            status = 400
    return render(
        request, "agreements/verify.html", {"form": form, "verdict": verdict}, status=status
    )


@login_required
def verify_key(request, key):
    """The QR code's link: which document the key names, if any."""
    record = IssuedDocument.objects.filter(key=key).first()
    return render(
        request,
        "agreements/verify.html",
        {"form": VerifyForm(), "record": record, "key": key, "from_link": True},
    )
