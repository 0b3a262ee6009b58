from django.urls import path

from beatbook.campaigns import message_views, views

app_name = "campaigns"
urlpatterns = [
    # Officers (before the public <slug>: "manage" is not a campaign's slug, see CampaignForm)
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.new, name="new"),
    path("manage/<int:pk>/", views.detail, name="detail"),
    path("manage/<int:pk>/edit/", views.edit, name="edit"),
    path("manage/<int:pk>/materials/", views.material_add, name="material_add"),
    path("manage/<int:pk>/sign-ups/", views.sign_up, name="sign_up"),
    path("manage/<int:pk>/message/", message_views.message, name="message"),
    # Public (an uploaded material: public ones of published campaigns, the rest to officers)
    path("materials/<int:pk>/file/", views.material_file, name="material_file"),
    path("", views.index, name="index"),
    path("<slug:slug>/", views.public_page, name="public"),
]
