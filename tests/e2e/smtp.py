"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives: the browser tests' mail
server. The portal under test sends through Django's SMTP backend to it, and a test reads the
messages as a person reads their inbox (a link out of the body)."""

from __future__ import annotations

import email
import threading
import time
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller

from portal.devstack import free_port


class _Handler:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"


class SmtpSink:
    def __init__(self) -> None:
        self.port = free_port()
        self._handler = _Handler()
        self._controller = Controller(self._handler, hostname="127.0.0.1", port=self.port)

    def start(self) -> SmtpSink:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    @property
    def env(self) -> dict[str, str]:
        """The settings that point the portal's mail at this server."""
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
        }

    def wait_for(self, to: str, containing: str, timeout: float = 15) -> str:
        """The text body of the first message to `to` whose body holds `containing`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._handler.lock:
                messages = list(self._handler.messages)
            for message in messages:
                if to not in str(message.get("To", "")):
                    continue
                part = message.get_body(preferencelist=("plain",))
                body = part.get_content() if part is not None else ""
                if containing in body:
                    return str(body)
            time.sleep(0.1)
        raise AssertionError(f"no message to {to} containing {containing!r} within {timeout} s")
