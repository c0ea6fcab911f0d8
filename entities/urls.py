from django.urls import path

from . import views

app_name = "entities"

urlpatterns = [
    path("countries/", views.directory, {"kind": "country"}, name="country_list"),
    path("countries/<slug:slug>/", views.entity_detail, {"kind": "country"}, name="country_detail"),
    path("leaders/", views.directory, {"kind": "leader"}, name="leader_list"),
    path("leaders/<slug:slug>/", views.entity_detail, {"kind": "leader"}, name="leader_detail"),
    path("organizations/", views.directory, {"kind": "organization"}, name="organization_list"),
    path(
        "organizations/<slug:slug>/",
        views.entity_detail,
        {"kind": "organization"},
        name="organization_detail",
    ),
]
