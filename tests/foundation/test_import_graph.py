"""The path tells the schema (STYLE.md, issue 10 item 5), checked on the import graph.

Modules of the public schema (the register, accounts, tenancy, webhooks, the API plumbing and the
API endpoints served on the public host) import nothing of an organisation's workspace, except
the few interfaces listed below, each called inside the organisation's schema; and no API module
imports a web page module. Read from the source (AST, every import including those inside
functions), so no Django and no database: this runs in well under a second.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Public schema: packages whose models live in the public schema, and the API modules of the
# public host (portal/api/urls_public.py) with the plumbing every endpoint shares.
PUBLIC_PACKAGES = ("registry/register", "registry/webhooks", "portal/accounts", "portal/tenancy")
PUBLIC_API_MODULES = (
    "portal/api/v1/register.py",
    "portal/api/v1/register_verify.py",
    "portal/api/v1/regulator.py",
    "portal/api/v1/me.py",
    "portal/api/v1/common.py",
    "portal/api/v1/filing_versions.py",
)
# The workspace's vocabulary (TextChoices, no tables) may be read anywhere.
SCHEMA_FREE = ("registry.workspace.choices",)
# (importing module, imported workspace module): the one interface each reaches the workspace
# through, inside the organisation's schema (tenant_context).
ALLOWED = {
    # The daily reminders ask the workspace what falls due (plain data).
    ("registry/register/reminders/collect.py", "registry.workspace.selectors.due"),
    ("registry/register/reminders/incidents.py", "registry.workspace.selectors.due"),
    # An incident step's e-mail links to the report's page, numbered in the workspace.
    ("registry/register/services/incident_notifications.py", "registry.workspace.selectors.due"),
    # A decision's e-mail links to the filing's page, numbered in the workspace.
    ("registry/register/services/notifications.py", "registry.workspace.selectors.drafts"),
    # `make run`'s demo files drafts through the workspace's own services.
    ("registry/register/demo.py", "registry.workspace.models"),
    ("registry/register/demo.py", "registry.workspace.models.drafts"),
    ("registry/register/demo.py", "registry.workspace.services.drafts"),
    ("registry/register/demo.py", "registry.workspace.services.representation"),
    ("registry/register/demo.py", "registry.workspace.demo_files"),
    # A mandate's scope names the provider's systems and models: checked in its schema
    # (tenant_context); its document is sniffed like any upload (no tables).
    ("registry/register/services/mandate_checks.py", "registry.workspace.models"),
    ("registry/register/services/mandate_checks.py", "registry.workspace.uploads"),
    # Annex VIII A3/B3: the representative as "name, address and contact details", from the
    # organisation row (public schema) by the workspace's one formatting of a party.
    ("registry/register/selectors_mandates.py", "registry.workspace.selectors.registration"),
    # A rights holder's request is due when the provider's copyright policy says (Measure 1.5).
    ("registry/register/services/rights_requests.py", "registry.workspace.selectors.copyright"),
}


def _modules(*roots: str) -> list[Path]:
    files: list[Path] = []
    for root in roots:
        path = ROOT / root
        found = [path] if path.is_file() else sorted(path.rglob("*.py"))
        files += [f for f in found if "migrations" not in f.parts]
    return files


def _imports(path: Path) -> Iterator[str]:
    """Every name the file imports, in full (``from a.b import c`` gives ``a.b.c``)."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _is_within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _reaches_the_workspace(relative: str, name: str) -> bool:
    if not _is_within(name, "registry.workspace"):
        return False
    if any(_is_within(name, free) for free in SCHEMA_FREE):
        return False
    # `from registry.workspace.selectors.due import workspace_due` names a function of the
    # allowed module: judge it by the module it comes from.
    return (relative, name) not in ALLOWED and (relative, name.rpartition(".")[0]) not in ALLOWED


def test_public_schema_modules_import_no_workspace_module_outside_the_allowed_interfaces():
    files = _modules(*PUBLIC_PACKAGES, *PUBLIC_API_MODULES)
    assert len(files) > 50  # the walk found the packages
    offending = {
        (path.relative_to(ROOT).as_posix(), name)
        for path in files
        for name in _imports(path)
        if _reaches_the_workspace(path.relative_to(ROOT).as_posix(), name)
    }
    assert offending == set()


def test_no_api_module_imports_a_web_page_module():
    offending = {
        (path.relative_to(ROOT).as_posix(), name)
        for path in _modules("portal/api")
        for name in _imports(path)
        if ".web." in f".{name}." and name.startswith(("registry.", "portal."))
    }
    assert offending == set()


@pytest.mark.parametrize(
    ("source", "reaches"),
    [
        ("from registry.workspace.models import AISystem", True),
        ("def f():\n    from registry.workspace.web import labels", True),
        ("import registry.workspace.selectors.lists", True),
        ("from registry.workspace import choices", False),
        ("from registry.workspace.choices import CoPChapter", False),
        ("from registry.register.models import Filing", False),
    ],
)
def test_the_check_sees_an_import_anywhere_in_a_module(tmp_path, source, reaches):
    module = tmp_path / "module.py"
    module.write_text(source + "\n")
    assert any(_reaches_the_workspace("x.py", name) for name in _imports(module)) is reaches


def test_an_allowed_interface_is_allowed_only_to_its_module():
    name = "registry.workspace.selectors.due.workspace_due"
    assert not _reaches_the_workspace("registry/register/reminders/collect.py", name)
    assert _reaches_the_workspace("registry/register/services/review.py", name)
