"""Every chart a page draws under AppTest is checked against the Vega-Lite schema
(the running app skips that check to save time: ui.charts.VALIDATE)."""
import pytest

import ui.charts


@pytest.fixture(autouse=True)
def validate_charts(monkeypatch):
    monkeypatch.setattr(ui.charts, "VALIDATE", True)
