from django.urls import path

from reclamo.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("complaints/new/", views.case_new, name="case-new"),
    path("complaints/<str:number>/", views.case_detail, name="case"),
    path("complaints/<str:number>/reply/", views.case_reply, name="case-reply"),
    path(
        "complaints/<str:number>/acknowledgement.txt",
        views.case_acknowledgement,
        name="case-acknowledgement",
    ),
    path("complaints/<str:number>/statement.pdf", views.case_statement, name="case-statement"),
    path("signup/sent/", views.signup_sent, name="signup-sent"),
    path("signup/confirm/<str:token>/", views.signup_confirm, name="signup-confirm"),
    path("signup/<slug:slug>/", views.signup, name="signup"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password-reset-sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password-reset-confirm",
    ),
    path("password-reset/done/", views.password_reset_done, name="password-reset-done"),
]
