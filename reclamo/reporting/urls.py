from django.urls import path

from reclamo.reporting import views

app_name = "reporting"

urlpatterns = [
    path("p/<slug:slug>/quality/", views.quality_page, name="quality"),
]
