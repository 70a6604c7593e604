"""access_<thing>: the record, or the same not-found error whether it is missing or outside the jurisdiction."""

from __future__ import annotations

from typing import Any

from yalu.core.access import not_found
from yalu.permits.models import AuthorizationLetter, ReunificationItem, ReunificationRequest, TravelApplication
from yalu.permits.queries import applications_in_scope, letters_in_scope, requests_in_scope


def access_letter(user: Any, letter_id: int) -> AuthorizationLetter:
    letter = letters_in_scope(user).filter(pk=letter_id).first()
    if letter is None:
        exists = AuthorizationLetter.objects.filter(pk=letter_id).exists()
        raise not_found(user, object_type="permits.authorizationletter", object_id=letter_id, exists=exists)
    return letter


def access_application(user: Any, application_id: int) -> TravelApplication:
    application = applications_in_scope(user).filter(pk=application_id).first()
    if application is None:
        exists = TravelApplication.objects.filter(pk=application_id).exists()
        raise not_found(user, object_type="permits.travelapplication", object_id=application_id, exists=exists)
    return application


def access_request(user: Any, request_id: int) -> ReunificationRequest:
    request = requests_in_scope(user).filter(pk=request_id).first()
    if request is None:
        exists = ReunificationRequest.objects.filter(pk=request_id).exists()
        raise not_found(user, object_type="permits.reunificationrequest", object_id=request_id, exists=exists)
    return request


def access_item(user: Any, request: ReunificationRequest, item_id: int) -> ReunificationItem:
    """An item of a request the user may see (items are reached through their request)."""
    item = ReunificationItem.objects.filter(request=request, pk=item_id).select_related("person", "candidate").first()
    if item is None:
        exists = ReunificationItem.objects.filter(pk=item_id).exists()
        raise not_found(user, object_type="permits.reunificationitem", object_id=item_id, exists=exists)
    return item
