"""Virtual users of the mixed load (test_mixed_load.py). Each is bound to one organisation or one
authority, knows which markers it may see (its own) and which it must never see (everyone
else's), and checks every response it gets. A new kind of user is one more class with `step()`.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from tests.reliability.support import Http, Reply


@dataclass
class Outcome:
    user: str
    action: str
    status: int  # 0: no HTTP answer
    seconds: float
    problem: str = ""  # "" when the response passed every check


@dataclass
class World:
    """What the users share: markers, ids, and the log of outcomes (append is thread-safe)."""

    port: int
    forbidden: dict[str, tuple[str, ...]]  # user's binding → markers it must never see
    systems: dict[str, list[int]]  # organisation slug → system ids
    visible_filing: str  # a filing the DE regulator may open
    foreign_filing: str  # a filing outside DE
    own: dict[str, str] = field(default_factory=dict)  # binding → a marker it should see
    saw_own: set[str] = field(default_factory=set)  # bindings that did (the check bites)
    outcomes: list[Outcome] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)


class VirtualUser:
    binding = ""  # organisation slug or authority slug: the key of World.forbidden

    def __init__(self, name: str, world: World, http: Http) -> None:
        self.name, self.world, self.http = name, world, http
        self.random = random.Random(name)
        self.count = 0

    def step(self) -> None:
        raise NotImplementedError

    def run(self) -> None:
        while not self.world.stop.is_set():
            self.step()
            time.sleep(self.random.uniform(0.05, 0.25))  # think time
        self.http.close()

    def call(
        self,
        action: str,
        method: str,
        path: str,
        body: Any = None,
        expect: tuple[int, ...] = (200,),
    ) -> Reply | None:
        started = time.monotonic()
        self.count += 1
        try:
            reply = self.http.request(method, path, body)
        except OSError as exc:
            self.http.close()
            self.world.outcomes.append(
                Outcome(self.name, action, 0, time.monotonic() - started, f"no answer: {exc}")
            )
            return None
        problem = ""
        if reply.status not in expect:
            problem = f"status {reply.status}, want {expect}: {reply.text[:200]}"
        own = self.world.own.get(self.binding)
        if own and own in reply.text:
            self.world.saw_own.add(self.binding)
        leaked = [m for m in self.world.forbidden[self.binding] if m in reply.text]
        if leaked:
            problem = f"saw another party's data {leaked} at {path}"
        self.world.outcomes.append(
            Outcome(self.name, action, reply.status, time.monotonic() - started, problem)
        )
        return reply


class ProviderWeb(VirtualUser):
    """A provider's member browsing the organisation's pages (session cookie)."""

    PAGES = ("/", "/systems/", "/filings/", "/evidence/", "/records/", "/models/")

    def __init__(self, name: str, world: World, org: str, session: str) -> None:
        host = f"{org}.localhost"
        super().__init__(name, world, Http(world.port, host, {"Cookie": f"sessionid={session}"}))
        self.binding = org

    def step(self) -> None:
        if self.random.random() < 0.4:
            system = self.random.choice(self.world.systems[self.binding])
            self.call("system page", "GET", f"/systems/{system}/")
        else:
            page = self.random.choice(self.PAGES)
            self.call(f"page {page}", "GET", page)


class Integrator(VirtualUser):
    """An organisation's own system on the API with its key: reads, creates, classifies."""

    def __init__(self, name: str, world: World, org: str, key: str, marker: str) -> None:
        host = f"{org}.localhost"
        super().__init__(name, world, Http(world.port, host, {"Authorization": f"Bearer {key}"}))
        self.binding, self.marker = org, marker

    def step(self) -> None:
        roll = self.random.random()
        if roll < 0.2:
            body = {"trade_name": f"{self.marker} {self.name} {self.count}", "role": "provider"}
            self.call("create system", "POST", "/api/v1/systems/", body, expect=(201,))
        elif roll < 0.3:
            facts = {"role": "provider", "annex_iii_area": "4(a)"}
            self.call("classify", "POST", "/api/v1/classify", {"facts": facts})
        else:
            path = self.random.choice(
                ("/api/v1/systems/", "/api/v1/filings/", "/api/v1/audit-events/", "/api/v1/me")
            )
            self.call(f"api {path}", "GET", path)


class RegulatorWeb(VirtualUser):
    """A reviewer of the German authority in the console (session cookie)."""

    binding = "de-msa"

    def __init__(self, name: str, world: World, session: str) -> None:
        super().__init__(
            name, world, Http(world.port, "localhost", {"Cookie": f"sessionid={session}"})
        )

    def step(self) -> None:
        roll = self.random.random()
        if roll < 0.5:
            self.call("console queue", "GET", "/regulator/")
        elif roll < 0.8:
            self.call("console filing", "GET", f"/regulator/filings/{self.world.visible_filing}/")
        else:
            path = f"/regulator/filings/{self.world.foreign_filing}/"
            self.call("console foreign filing", "GET", path, expect=(403, 404))


class RegulatorApi(VirtualUser):
    """The German authority's review tool on the regulator API (authority key)."""

    binding = "de-msa"

    def __init__(self, name: str, world: World, key: str) -> None:
        headers = {"Authorization": f"Bearer {key}"}
        super().__init__(name, world, Http(world.port, "localhost", headers))

    def step(self) -> None:
        roll = self.random.random()
        base = "/api/v1/regulator/filings/"
        if roll < 0.5:
            self.call("regulator list", "GET", base)
        elif roll < 0.7:
            self.call("regulator filing", "GET", f"{base}{self.world.visible_filing}/")
        elif roll < 0.85:
            body = {"field": "general", "body": f"Review note {self.name} {self.count}."}
            path = f"{base}{self.world.visible_filing}/comments/"
            self.call("regulator comment", "POST", path, body, expect=(201,))
        else:
            path = f"{base}{self.world.foreign_filing}/"
            self.call("regulator foreign filing", "GET", path, expect=(403, 404))


class PublicVisitor(VirtualUser):
    """Anyone on the public register: nothing of ours is registered, so nothing may show."""

    binding = "public"
    PAGES = ("/register/", "/signatories/", "/api/v1/register/filings/")

    def __init__(self, name: str, world: World) -> None:
        super().__init__(name, world, Http(world.port, "localhost"))

    def step(self) -> None:
        page = self.random.choice(self.PAGES)
        self.call(f"public {page}", "GET", page)
