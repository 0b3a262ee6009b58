from django.urls import path

from beatbook.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("indicators/<slug:code>/", views.definition, name="definition"),
    path("board-pack/", views.board_pack, name="board_pack"),
    path("board-pack.pdf", views.board_pack_pdf, name="board_pack_pdf"),
]
