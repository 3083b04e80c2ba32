"""A small HTTP load generator: N concurrent connections, each sending one GET after another for a
fixed time, on raw asyncio streams (HTTP/1.1, keep-alive when the server keeps the connection,
a new connection when it closes it, as gunicorn's sync workers do). Cheap on CPU, so on a 2-core
machine most of the CPU is left to the server being measured."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    errors: int = 0

    def add(self, other: LoadResult) -> LoadResult:
        self.seconds += other.seconds
        self.latencies += other.latencies
        self.statuses.update(other.statuses)
        self.errors += other.errors
        return self

    @property
    def requests_per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed before the status line")
    status = int(status_line.split()[1])
    length, close, chunked = None, status_line.startswith(b"HTTP/1.0"), False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection":
            close = value == "close"
        elif name == "transfer-encoding":
            chunked = "chunked" in value
    if chunked:
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length is not None:
        await reader.readexactly(length)
    else:
        await reader.read()
        close = True
    return status, close


async def _user(
    port: int, request: bytes, deadline: float, measure_from: float, result: LoadResult
) -> None:
    reader = writer = None
    while time.perf_counter() < deadline:
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            started = time.perf_counter()
            writer.write(request)
            status, close = await _read_response(reader)  # type: ignore[arg-type]
            elapsed = time.perf_counter() - started
            if started >= measure_from:
                result.latencies.append(elapsed)
                result.statuses[status] += 1
        except (ConnectionError, asyncio.IncompleteReadError, OSError):
            result.errors += 1
            close = True
        if close and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _run(
    port: int, request: bytes, connections: int, seconds: float, warm_up: float
) -> LoadResult:
    now = time.perf_counter()
    measure_from, deadline = now + warm_up, now + warm_up + seconds
    result = LoadResult(seconds=seconds)
    await asyncio.gather(
        *(_user(port, request, deadline, measure_from, result) for _ in range(connections))
    )
    return result


def load(
    *,
    port: int,
    path: str,
    host: str,
    headers: dict[str, str] | None = None,
    connections: int = 4,
    seconds: float = 15.0,
    warm_up: float = 3.0,
) -> LoadResult:
    """GET ``path`` on 127.0.0.1:``port`` with ``Host: host`` for ``warm_up`` + ``seconds``;
    only requests started after the warm-up count."""
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Accept: application/json"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return asyncio.run(_run(port, request, connections, seconds, warm_up))
