"""Limits for a shared (hosted) server, from the environment or ``st.secrets``; generous by default.

Set for example ``DLFS_MAX_ITERS=20000`` in the environment, or in ``.streamlit/secrets.toml``::

    [limits]
    max_iters = 20000
    max_concurrent_runs = 4
    max_sweep_cells = 60
"""
import os
from dataclasses import dataclass, fields

import streamlit as st


def _cores():
    """Cores this process may use (a container's share, not the host's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Limits:
    max_iters: int = 100_000          # iterations of one training run
    max_hidden: int = 1_000           # hidden units
    max_batch: int = 60_000           # mini-batch size
    # training runs advancing at once on this server: one per core (a run keeps one core
    # busy; more at once only slow every run and every page down); the rest queue
    max_concurrent_runs: int = _cores()
    max_runs_kept: int = 12           # finished runs a session keeps for comparison
    max_sweep_cells: int = 200        # cells of a learning-rate x batch-size grid computed here
    max_sweep_images: int = 50_000_000  # images drawn by all its cells (iterations x batch size)


def _secret_limits():
    try:
        return dict(st.secrets.get("limits", {}))
    except Exception:  # noqa: BLE001 - no secrets file is the normal local case
        return {}


def current():
    """The limits in force: environment ``DLFS_<NAME>`` beats secrets beats defaults."""
    secret, values = _secret_limits(), {}
    for f in fields(Limits):
        raw = os.environ.get(f"DLFS_{f.name.upper()}", secret.get(f.name))
        try:
            value = int(raw)
        except (TypeError, ValueError):
            continue
        if value >= 1:
            values[f.name] = value
    return Limits(**values)
