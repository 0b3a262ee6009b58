from django.urls import path

from beatbook.bikes import views

app_name = "bikes"
urlpatterns = [
    # Public
    path("register/", views.register, name="register"),
    path("register/done/", views.registered, name="registered"),
    # Officers
    path("", views.search, name="search"),
    path("new/", views.new, name="new"),
    path("counts/", views.counts, name="counts"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/delete/", views.delete, name="delete"),
]
