from django.shortcuts import render


def baseline(request):
    """A small template and no database: what the server, the middleware and the template engine cost alone."""
    return render(request, "bench/baseline.html", {"items": range(10)})
