from django.urls import path

from beatbook.surveys import public_views, views

app_name = "surveys"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/questions/", views.add_question, name="add_question"),
    path("<int:pk>/waves/", views.add_wave, name="add_wave"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results.csv", views.results_csv, name="results_csv"),
    path("<int:pk>/contacts/", views.contacts, name="contacts"),
    path("waves/<int:pk>/invitations/", views.invitations, name="invitations"),
    # The public: no account needed.
    path("answer/<int:pk>/", public_views.respond, name="respond"),
    path("answer/invited/<str:token>/", public_views.invited, name="invited"),
    path("answer/thanks/", public_views.thanks, name="thanks"),
]
