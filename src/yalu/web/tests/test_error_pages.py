"""Not found and not allowed answer in the product's own pages, in the user's language."""

from __future__ import annotations


def test_not_found_and_not_allowed_pages(personas) -> None:
    client = personas.client(personas.clerk_longjing)
    client.post("/i18n/setlang/", {"language": "ko", "next": "/"})
    response = client.get(f"/people/{personas.yanji_person.pk}/")
    assert response.status_code == 404
    assert "관할 밖" in response.content.decode()
    response = client.get("/audit/")
    assert response.status_code == 403
    assert "감사 기록에 남았습니다" in response.content.decode()
