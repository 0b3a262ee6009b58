"""Before any stop-and-search file is stored, the page says so (200), and so does the API (400)."""

from __future__ import annotations


def test_no_stop_and_search_data_yet(personas):
    response = personas.client("public").get("/stop-and-search/")
    assert response.status_code == 200
    assert "No stop and search data are stored for City of London Police" in response.content.decode()
    api = personas.client("public").get("/api/hub/stop-and-search")
    assert api.status_code == 400 and "No stop and search data are stored" in api.json()["error"]["parameters"]["from"]
