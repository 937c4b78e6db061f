from django.urls import path

from reclamo.public import complaint_form, views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("p/<slug:slug>/", views.provider_contact, name="provider"),
    path("p/<slug:slug>/deadlines/", views.deadline_calculator, name="deadlines"),
    path("p/<slug:slug>/open-now/", views.provider_open_now, name="provider-open-now"),
    path("p/<slug:slug>/rules/", views.provider_rules, name="rules"),
    path("p/<slug:slug>/complaint/", complaint_form.complaint_file, name="complaint"),
    path(
        "p/<slug:slug>/complaint/preview/<slug:channel>/",
        complaint_form.complaint_preview,
        name="complaint-preview",
    ),
    path(
        "p/<slug:slug>/complaint/received/<str:token>/",
        complaint_form.complaint_received,
        name="complaint-received",
    ),
]
