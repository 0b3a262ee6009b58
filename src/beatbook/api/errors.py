"""One error body for every API error, so that a client parses failures one way:

{"error": {"status": 400, "title": "Bad Request", "detail": "...", "parameters": {"from": "..."}}}
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from beatbook.hub.downloads import CannotExport


class BadParameters(Exception):
    """Query parameters refused, each with its reason."""

    def __init__(self, parameters: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in parameters.items()))
        self.parameters = parameters


def error_body(status: int, detail: str, parameters: dict[str, str] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "title": HTTPStatus(status).phrase, "detail": detail}
    if parameters:
        body["parameters"] = parameters
    return {"error": body}


def install(api: NinjaAPI) -> None:
    """Route every kind of failure through ``error_body``."""

    def respond(request: HttpRequest, status: int, detail: str, parameters: dict[str, str] | None = None):
        return api.create_response(request, error_body(status, detail, parameters), status=status)

    @api.exception_handler(BadParameters)
    def bad_parameters(request: HttpRequest, exc: BadParameters) -> HttpResponse:
        return respond(request, 400, "Some query parameters are not valid.", exc.parameters)

    @api.exception_handler(CannotExport)
    def cannot_export(request: HttpRequest, exc: CannotExport) -> HttpResponse:
        return respond(request, 400, str(exc))

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        parameters = {str(e["loc"][-1]): str(e["msg"]) for e in exc.errors}
        return respond(request, 400, "Some query parameters are not valid.", parameters)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, "Sign in first: this data is for signed-in staff.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return respond(request, exc.status_code, str(exc))
