"""Order lookup for the agent's sidebar."""

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import OrderStoreDep, ShopDep
from assist.errors import NotFound
from assist.models import Order

router = APIRouter(prefix="/v1", tags=["agent"])


@router.get("/orders/{order_id}", response_model=Order)
def get_order(
    order_id: Annotated[str, Path(min_length=1, max_length=128, description="The shop's order id.")],
    shop: ShopDep,
    orders: OrderStoreDep,
) -> Order:
    order = orders.get(shop.id, order_id.strip())
    if order is None:
        raise NotFound(f"order {order_id!r} not found in this shop; check the id (e.g. 'NL-104233')")
    return order
