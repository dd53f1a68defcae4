"""The sidebar's order panel shows where the order ships (city, state, country; never a street) and which of the
shop's regions its shipping and customs facts came from, with the input that placed the buyer."""

from __future__ import annotations

from browser_helpers import BROWSER_MARKS, open_conversation, save_settings
from playwright.sync_api import expect

pytestmark = BROWSER_MARKS


def test_the_order_panel_shows_the_shipping_place_and_the_region_used(page, server):
    save_settings(page, server.url, server.key)
    # conv-007: a Japanese buyer asks where the parcel is and about import duties (regional facts)
    panel = open_conversation(page, server.url, "conv-007", wait_for="#sec-suggestions .suggestion")
    ships_to = panel.locator("#order .ships-to")
    assert ships_to.inner_text().strip().endswith(", JP"), ships_to.inner_text()
    expect(panel.locator("#order-region")).to_contain_text("order's shipping address")
    expect(panel.locator("#order-region")).to_contain_text("JP-")
