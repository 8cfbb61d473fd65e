from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from agreements.selectors import programme_list_visible

PAGE_SIZE = 25


@login_required
def home(request):
    programmes = programme_list_visible(user=request.user)
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "agreements/home.html", {"page": page})
