"""Register an AI system, classify it, file it and download the PDF, through the portal's API.

Standard library only. With `make run` running and a key of the demo organisation Helios:

    export PORTAL_API_KEY=$(... manage.py create_api_key --organisation helios \
        --scopes read,write,submit --name demo)
    python examples/api_client.py --base http://helios.localhost:8000

Every POST carries an Idempotency-Key, so running a step again after a network error cannot
file twice; errors arrive as application/problem+json with a stable `code`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any


class ApiError(Exception):
    def __init__(self, status: int, problem: dict[str, Any]) -> None:
        super().__init__(f"{status} {problem.get('code')}: {problem.get('detail')}")
        self.status, self.problem = status, problem


class Portal:
    def __init__(self, base: str, key: str) -> None:
        parts = urllib.parse.urlsplit(base.rstrip("/"))
        self.host = parts.netloc
        if parts.hostname and parts.hostname.endswith(".localhost"):
            # curl and browsers map *.localhost to this machine; Python's resolver may not.
            parts = parts._replace(netloc=f"127.0.0.1:{parts.port or 80}")
        self.base = urllib.parse.urlunsplit(parts) + "/api/v1"
        self.key = key

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | None = None,
        content_type: str = "application/json",
    ) -> tuple[bytes, dict[str, str]]:
        headers = {
            "Authorization": f"Bearer {self.key}",
            "Accept": "application/json",
            "Host": self.host,  # the organisation is the host name
        }
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = content_type
        if method == "POST":
            headers["Idempotency-Key"] = str(uuid.uuid4())
        url = self.base + path  # http(s) only: built from --base above
        request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our URL
                return response.read(), dict(response.headers)
        except urllib.error.HTTPError as exc:
            payload = exc.read()
            try:
                problem = json.loads(payload)
            except ValueError:
                problem = {"code": "http_error", "detail": payload[:200].decode(errors="replace")}
            raise ApiError(exc.code, problem) from None

    def json(self, method: str, path: str, body: Any = None) -> Any:
        content, _headers = self.request(method, path, body)
        return json.loads(content) if content else None

    def upload(self, path: str, filename: str, content: bytes, **fields: str) -> Any:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
            for name, value in fields.items()
        ]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"'
            f"\r\nContent-Type: application/pdf\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
        raw = b"".join(parts) + f"--{boundary}--\r\n".encode()
        content_type = f"multipart/form-data; boundary={boundary}"
        body, _ = self.request("POST", path, raw=raw, content_type=content_type)
        return json.loads(body)


def small_pdf(text: str) -> bytes:
    """A one-page PDF (evidence must be what its extension says: the portal sniffs the bytes)."""
    stream = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://helios.localhost:8000")
    parser.add_argument("--name", default=f"TriageAssist {time.strftime('%H%M%S')}")
    parser.add_argument("--out", default="filing.pdf")
    args = parser.parse_args()
    key = os.environ.get("PORTAL_API_KEY")
    if not key:
        print("Set PORTAL_API_KEY to a key with the read, write and submit scopes.")
        return 2
    portal = Portal(args.base, key)

    me = portal.json("GET", "/me")
    print(f"Acting as {me['api_key']['name']} for {me['organisation']['legal_name']}")
    declaration = portal.upload(
        "/evidence/",
        "declaration.pdf",
        small_pdf("EU declaration of conformity"),
        title="EU declaration of conformity",
    )
    instructions = portal.upload(
        "/evidence/",
        "instructions.pdf",
        small_pdf("Instructions for use"),
        title="Instructions for use",
    )
    system = portal.json(
        "POST",
        "/systems/",
        {
            "trade_name": args.name,
            "role": "provider",
            "system_reference": "TA 2.1",
            "provider_address": "Friedrichstraße 1, 10117 Berlin",
            "provider_contact_details": "compliance@helios.example",
            "intended_purpose": "Prioritises emergency calls for dispatchers.",
            "components_and_functions": "Speech-to-text, triage model, dispatcher console.",
            "data_and_logic_description": "Gradient-boosted classifier over anonymised calls.",
            "status": "on_market",
            "member_states": ["DE"],
            "conformity_assessment_route": "annex_vi_internal_control",
            "declaration_of_conformity": declaration["id"],
            "instructions_for_use": instructions["id"],
        },
    )
    facts = {"role": "provider", "annex_iii_area": "5(d)", "provider_established_in_eu": True}
    classification = portal.json(
        "POST", f"/systems/{system['id']}/classifications/", {"facts": facts}
    )
    print(f"System {system['id']} classified {classification['risk_tier']}")

    draft = portal.json("POST", "/filings/", {"kind": "annex_viii_a", "system": system["id"]})
    checklist = portal.json("GET", f"/filings/{draft['id']}/checklist/")
    if not checklist["complete"]:
        for item in checklist["missing"]:
            print(f"  missing {item['code']}: {item['message']}")
        return 1
    # The declaration (Art 49): the key's owner is authorised to file and the data is accurate.
    status = portal.json("POST", f"/filings/{draft['id']}/submit/", {"confirm": True})
    print(f"Filed {status['registration_number']} ({status['status']})")

    for _attempt in range(60):
        status = portal.json("GET", f"/filings/{draft['id']}/status/")
        if status["latest_version"]["pdf"]["state"] == "ready":
            break
        time.sleep(1)
    else:
        print("The PDF is not ready yet; poll the status again later.")
        return 1
    pdf, _ = portal.request("GET", f"/filings/{draft['id']}/versions/1/pdf/")
    with open(args.out, "wb") as out:
        out.write(pdf)
    print(
        f"Saved {args.out} ({len(pdf)} bytes, sha256 {status['latest_version']['pdf']['pdf_sha256']})"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ApiError as exc:
        print(f"The portal refused: {exc}; field errors: {exc.problem.get('errors')}")
        sys.exit(1)
