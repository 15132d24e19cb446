from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from quarters import views as quarters_views

from . import views

# The admin signs in through allauth's rate-limited login (and its second factor).
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "KuDeQua"
admin.site.site_title = "KuDeQua"

urlpatterns = [
    path("", quarters_views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("seite/impressum/", views.legal_page, {"template_name": "pages/imprint.html"}, name="imprint"),
    path("seite/datenschutz/", views.legal_page, {"template_name": "pages/privacy.html"}, name="privacy"),
    path(
        "seite/barrierefreiheit/",
        views.legal_page,
        {"template_name": "pages/accessibility.html"},
        name="accessibility",
    ),
    path("accounts/", include("allauth.urls")),
    path("konto/", include("accounts.urls")),
    path("benachrichtigungen/", include("notifications.urls")),
    path("quartiere/", include("quarters.urls")),
    path("finanzierung/", include("financing.urls")),
    path("bedarfe/", include("needs.urls")),
    path("berichte/", include("reports.urls")),
    path("beratung/", include("advisory.urls")),
    path("initiativen/", include("initiatives.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
