from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("stories/", views.story_list, name="list"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
    path("search/", views.story_list, name="search"),
]
