#!/usr/bin/env python3
"""Writes examples/archive/2023-03-crawl.warc: the pages in examples/archive-pages/ as a
WARC 1.1 crawl (a request and an HTTP response record per page, as a crawler stores them),
so `attache ingest` can be tried on a web archive. Deterministic: fixed ids and dates."""
import pathlib
import uuid

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = [
    ("courier-delhi.html", "https://courier-daily.example/world/2023/03/02/blinken-lavrov-g20", "2023-03-02T16:00:00Z"),
    ("volga-delhi.html", "https://volga-daily.example/politics/lavrov-blinken-no-talks", "2023-03-03T09:00:00Z"),
]


def record(kind: str, url: str, date: str, content_type: str, payload: bytes) -> bytes:
    record_id = uuid.uuid5(uuid.NAMESPACE_URL, f"{kind}:{url}")
    head = (
        "WARC/1.1\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        f"WARC-Date: {date}\r\n"
        f"WARC-Target-URI: {url}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(payload)}\r\n"
        "\r\n"
    )
    return head.encode() + payload + b"\r\n\r\n"


def main() -> None:
    out = bytearray()
    for name, url, date in PAGES:
        html = (ROOT / "examples" / "archive-pages" / name).read_bytes()
        host = url.split("/")[2]
        path = "/" + url.split("/", 3)[3]
        request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: attache-example\r\n\r\n".encode()
        response = (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(html)}\r\n\r\n".encode()
            + html
        )
        out += record("request", url, date, "application/http; msgtype=request", request)
        out += record("response", url, date, "application/http; msgtype=response", response)
    (ROOT / "examples" / "archive" / "2023-03-crawl.warc").write_bytes(bytes(out))


if __name__ == "__main__":
    main()
