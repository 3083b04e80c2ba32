"""The field-by-field diff of two snapshots."""

from __future__ import annotations

from registry.workspace.web.diff import diff_counts, snapshot_diff


def _snapshot(*items):
    return {"registration": {"items": [{"code": c, "title": c, "fields": f} for c, f in items]}}


def test_changed_added_removed_and_same_fields():
    old = _snapshot(("A1", {"a": "x", "b": "y", "c": None}), ("A2", {"d": 1}))
    new = _snapshot(("A1", {"a": "x", "b": "z", "c": "new"}), ("A3", {"e": [1]}))
    items = {item.code: item for item in snapshot_diff(old, new)}
    changes = {f.name: f.change for f in items["A1"].fields}
    assert changes == {"a": "same", "b": "changed", "c": "added"}
    assert [f.change for f in items["A2"].fields] == ["removed"]
    assert [f.change for f in items["A3"].fields] == ["added"]
    assert list(items) == ["A1", "A3", "A2"]  # the newer version's order, then what it dropped
    assert diff_counts(list(items.values())) == {"changed": 1, "added": 2, "removed": 1}


def test_identical_snapshots_have_no_change():
    snapshot = _snapshot(("A1", {"a": "x"}))
    items = snapshot_diff(snapshot, snapshot)
    assert not any(item.changed for item in items)
