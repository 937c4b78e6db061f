from django.urls import path

from reclamo.console import calls, casework, dashboard, letters, queue, remedies, views

app_name = "console"

# Every page names the provider: a staff member of another provider gets a 404, never a page.
urlpatterns = [
    path("", views.console_home, name="home"),
    path("<slug:slug>/", views.register_page, name="register"),
    path("<slug:slug>/register.csv", views.register_export, name="export"),
    path("<slug:slug>/credits.csv", remedies.credits_export, name="credits_export"),
    path("<slug:slug>/cases/<str:number>/", views.case_page, name="case"),
    path("<slug:slug>/desk/", views.desk_register, name="desk"),
    path("<slug:slug>/queue/<slug:department>/", queue.queue, name="queue"),
    path("<slug:slug>/cases/<str:number>/take/", casework.take, name="take"),
    path(
        "<slug:slug>/cases/<str:number>/statement.pdf",
        casework.statement_download,
        name="statement",
    ),
    path(
        "<slug:slug>/cases/<str:number>/do/<slug:action>/",
        casework.case_action,
        name="case_action",
    ),
    path("<slug:slug>/calls/new/", calls.call_new, name="call_new"),
    path("<slug:slug>/dashboard/", dashboard.dashboard_page, name="dashboard"),
    path("<slug:slug>/dashboard/quality.csv", dashboard.quality_export_csv, name="quality-csv"),
    path("<slug:slug>/dashboard/quality.pdf", dashboard.quality_export_pdf, name="quality-pdf"),
    path("<slug:slug>/cases/<str:number>/remedy/", remedies.remedy_apply, name="remedy_apply"),
    path("<slug:slug>/dashboard/ancom.csv", dashboard.ancom_export_csv, name="ancom-csv"),
    path("<slug:slug>/letters/undelivered/", letters.undelivered_letters, name="undelivered"),
    path(
        "<slug:slug>/letters/undelivered/<int:delivery_id>/<slug:action>/",
        letters.case_letter_act,
        name="case_letter_act",
    ),
    path(
        "<slug:slug>/letters/undelivered/credits/<int:remedy_id>/again/",
        letters.credit_letter_again,
        name="credit_letter_again",
    ),
]
