"""An order's address in prompts: the judge model sees the country, state and city (what the region needs), never
the postcode or the email; street lines never reach the order at all. Street addresses a buyer types in a message,
in scripts the first masking rules did not read, are masked before text leaves the process."""

from __future__ import annotations

import pytest

from assist.models import Conversation, Order
from assist.privacy import mask
from assist.prompts import load_prompt
from assist.quality.context import DraftContext
from assist.quality.judge import judge_variables

ORDER = Order.model_validate(
    {
        "order_id": "KR-3001",
        "customer_id": "c-1",
        "customer_name": "Kim Minji",
        "customer_email": "minji@example.org",
        "status": "shipped",
        "placed_at": "2026-11-12T09:00:00+09:00",
        "items": [{"sku": "LAMP-1", "name": "Paper lamp", "quantity": 1, "price": 59000}],
        "total": 59000,
        "currency": "KRW",
        "shipping_country": "대한민국",
        "shipping_state": "부산광역시",
        "shipping_city": "해운대구",
        "shipping_postcode": "48058",
    }
)


def test_the_judge_prompt_gets_the_place_but_not_the_postcode_or_email():
    conversation = Conversation.model_validate({"messages": [{"role": "customer", "text": "언제 도착하나요?"}]})
    variables = judge_variables("곧 도착합니다.", DraftContext(conversation=conversation, order=ORDER))
    user = str(load_prompt("qa_judge").render(**variables)[-1].content)
    assert '"shipping_country":"KR"' in user.replace(" ", "") and "부산광역시" in user
    assert "48058" not in user and "minji@example.org" not in user


@pytest.mark.parametrize(
    ("text", "street", "kept"),
    [
        ("地址改成 南京市鼓楼区中山路 321 号 5 栋 802 室 吧，谢谢", "中山路 321 号", "谢谢"),
        ("請改寄到高雄市三民區建國二路 88 號 7 樓，謝謝", "建國二路 88 號", "謝謝"),
        ("배송지를 부산광역시 해운대구 센텀중앙로 79 로 바꿔 주세요", "센텀중앙로 79", "바꿔 주세요"),
        ("New address please: 14B Harbour Road, Galway", "14B Harbour Road", "Galway"),
    ],
)
def test_a_street_the_buyer_types_is_masked_in_more_scripts(text, street, kept):
    masked, masking = mask(text)
    assert street not in masked and kept in masked, masked
    assert masking.restore(masked) == text
