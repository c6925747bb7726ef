"""/documents and /documents/{id}: source documents, their text and their claims."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.support.rest_support import ids

XINHUA = "2024-04-24-xinhua-mfa-official-briefing"


def get(client: TestClient, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_list_without_text_newest_first(rest_client: TestClient) -> None:
    documents = get(rest_client, "/documents?limit=500")
    assert XINHUA in ids(documents)
    assert all("text" not in d for d in documents["items"])
    dates = [d["date"] for d in documents["items"] if d["date"]]
    assert dates == sorted(dates, reverse=True)
    xinhua = next(d for d in documents["items"] if d["id"] == XINHUA)
    assert xinhua["publisher"] == "Xinhua" and xinhua["has_text"] is True
    assert (
        xinhua["claim_count"]
        == get(rest_client, f"/claims?reported_by={XINHUA}&limit=1")["total"]
        > 10
    )
    assert "2024-04-22-mfa-briefing-blinken-visit" in {m["id"] for m in xinhua["reports_on"]}


def test_filters(rest_client: TestClient) -> None:
    assert ids(get(rest_client, "/documents?meeting=2021-03-18-anchorage-dialogue")) == [
        "2021-03-18-anchorage-compilation"
    ]
    assert XINHUA in ids(get(rest_client, "/documents?q=secretary%20of%20STATE"))


def test_detail_has_the_text_and_every_quote_is_a_span_of_it(rest_client: TestClient) -> None:
    document = get(rest_client, f"/documents/{XINHUA}")
    text = document["text"]
    assert text and len(text) > 1000
    assert document["claims"] and len(document["claims"]) == document["claim_count"]
    starts = []
    for claim in document["claims"]:
        spans = [e for e in claim["evidence"] if e["document"]["id"] == XINHUA]
        assert spans, claim["id"]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["quote"]
        starts.append(min(s["start"] for s in spans))
    assert starts == sorted(starts)  # reading order


def test_public_record_documents_have_no_text(rest_client: TestClient) -> None:
    record = get(rest_client, "/documents/public-record-tianjin-2021")
    assert record["text"] is None and record["has_text"] is False
    assert record["claims"]  # the two lists and the three bottom lines


def test_unknown_document_is_404(rest_client: TestClient) -> None:
    get(rest_client, "/documents/no-such-document", status=404)
    get(rest_client, "/documents/wang-yi", status=404)
    get(rest_client, "/documents?meeting=%7B%7D", status=422)
