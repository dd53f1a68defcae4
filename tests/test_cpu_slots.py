"""The worker's CPU slots: at most N holders, the others served first come, first served."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from assist.cpu_slots import CpuSlots
from assist.language import FakeDetector
from assist.models import Conversation, LanguageGuess
from assist.pipeline import AssistCard, Shop, assist_events
from assist.services import Services
from assist.store import shops
from retrievers.embeddings import FakeEmbedder
from retrievers.orders import InMemoryOrderStore


def _wait_for(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.001)


def test_threads_wait_for_a_slot_and_get_it_in_arrival_order():
    slots = CpuSlots(1)
    order: list[int] = []
    holding = threading.Event()
    release = threading.Event()

    def first() -> None:
        with slots.held():
            holding.set()
            release.wait()
            order.append(0)

    def later(i: int) -> None:
        with slots.held():
            order.append(i)

    threads = [threading.Thread(target=first)]
    threads[0].start()
    holding.wait()
    for i in range(1, 6):
        thread = threading.Thread(target=later, args=(i,))
        thread.start()
        threads.append(thread)
        _wait_for(lambda i=i: slots.waiting == i)  # queued in this order
    release.set()
    for thread in threads:
        thread.join(5)
    assert order == [0, 1, 2, 3, 4, 5]


def test_no_more_than_n_hold_a_slot_at_once():
    slots = CpuSlots(2)
    lock = threading.Lock()
    inside, most = 0, 0

    def work() -> None:
        nonlocal inside, most
        with slots.held():
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.002)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(5)
    assert most == 2 and slots.waiting == 0


def test_tasks_and_threads_share_the_slots_in_arrival_order():
    slots = CpuSlots(1)
    order: list[str] = []

    async def main() -> None:
        release = threading.Event()

        def thread_holder() -> None:
            with slots.held():
                release.wait()
                order.append("thread")

        holder = threading.Thread(target=thread_holder)
        holder.start()
        await asyncio.to_thread(_wait_for, lambda: slots._free == 0)

        async def task(name: str) -> None:
            async with slots.held_async():
                order.append(name)
                await asyncio.sleep(0)

        tasks = []
        for name in ("a", "b", "c"):
            tasks.append(asyncio.ensure_future(task(name)))
            await asyncio.to_thread(_wait_for, lambda n=len(tasks): slots.waiting == n)
        release.set()
        await asyncio.gather(*tasks)
        holder.join(5)

    asyncio.run(main())
    assert order == ["thread", "a", "b", "c"] and slots._free == 1


def test_a_cancelled_waiter_passes_its_turn_on():
    slots = CpuSlots(1)
    served: list[str] = []

    async def main() -> None:
        async def task(name: str, hold: float = 0.0) -> None:
            async with slots.held_async():
                served.append(name)
                await asyncio.sleep(hold)

        first = asyncio.ensure_future(task("first", hold=0.05))
        await asyncio.sleep(0.01)
        gone = asyncio.ensure_future(task("gone"))
        last = asyncio.ensure_future(task("last"))
        await asyncio.sleep(0.01)
        gone.cancel()
        await asyncio.gather(first, last)
        with pytest.raises(asyncio.CancelledError):
            await gone

    asyncio.run(main())
    assert served == ["first", "last"] and slots._free == 1 and slots.waiting == 0


def test_zero_slots_means_no_limit():
    slots = CpuSlots(0)
    with slots.held(), slots.held(), slots.held():
        assert slots.waiting == 0
    with pytest.raises(ValueError, match="0 \\(no limit\\) or more"):
        CpuSlots(-1)


def test_the_card_reports_its_wait_for_a_slot(client, auth):
    conversation = {"messages": [{"role": "customer", "text": "Where is my parcel? Order NL-104233"}]}
    response = client.post("/v1/assist", json={"conversation": conversation, "agent_language": "en"}, headers=auth)
    assert response.status_code == 200, response.text
    timings = response.json()["timings_ms"]
    assert 0 <= timings["cpu_slot_wait"] <= timings["offline_card"]


GERMAN = Conversation.model_validate(
    {"messages": [{"role": "customer", "text": "Hallo, wo bleibt meine Bestellung NL-106283? Es dauert schon lange."}]}
)


def test_the_card_and_its_reading_aid_share_one_slot_and_give_it_back(settings):
    slots = CpuSlots(1)
    services = Services(settings, embedder=FakeEmbedder(), cpu_slots=slots)
    with services.db.session() as session:
        row, _ = shops.create_shop(session, "alpha", {})
        shop = Shop(id=row.id)
    aid = services.translator.reading_aid_for("de", "en")

    async def stream(finish: bool) -> tuple[AssistCard, int, list[str]]:
        events = assist_events(services, shop, GERMAN, "en", record=False)
        name, card = await anext(events)
        free_at_card = slots._free
        names = [name async for name, _ in events] if finish else []
        await events.aclose()  # a client gone after the first card
        return card, free_at_card, names

    card, free_at_card, names = asyncio.run(stream(finish=True))
    assert card.translation is not None and card.translation.engine == ("gloss" if aid else "none")
    assert names == (["reading_aid", "done"] if aid else ["done"])
    assert free_at_card == (0 if aid else 1), "the reading aid is built in the card's slot, not queued again"
    assert slots._free == 1 and slots.waiting == 0
    asyncio.run(stream(finish=False))
    assert slots._free == 1, "an abandoned stream gives its slot back"
    services.close()


class ThreadNoting(InMemoryOrderStore):
    """Notes the thread each order lookup runs on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[str] = []

    def get_many(self, shop_id: int, order_ids: list[str]) -> list:  # type: ignore[type-arg]
        self.threads.append(threading.current_thread().name)
        return []

    def for_customer(self, shop_id: int, customer_id: str, limit: int = 5) -> list:  # type: ignore[type-arg]
        self.threads.append(threading.current_thread().name)
        return []


class NotingDetector(FakeDetector):
    def __init__(self, threads: list[str]) -> None:
        super().__init__(default="de")
        self.threads = threads

    def detect(self, text: str) -> LanguageGuess:
        self.threads.append(threading.current_thread().name)
        return super().detect(text)


def test_a_card_made_while_others_compute_runs_on_one_thread_and_is_the_same_card(settings):
    slots = CpuSlots(2)
    orders = ThreadNoting()
    detector = NotingDetector(orders.threads)
    services = Services(
        settings, embedder=FakeEmbedder(), cpu_slots=slots, order_store=orders, language_detector=detector
    )
    with services.db.session() as session:
        row, _ = shops.create_shop(session, "alpha", {})
        shop = Shop(id=row.id)

    async def card() -> tuple[AssistCard, list[str]]:
        events = [event async for event in assist_events(services, shop, GERMAN, "en", record=False)]
        return events[0][1], [name for name, _ in events]

    alone, alone_events = asyncio.run(card())
    orders.threads.clear()
    with slots.held():  # another request is computing: the card's steps share one thread
        busy, busy_events = asyncio.run(card())
    assert busy_events == alone_events
    skip = {"timings_ms"}
    assert busy.model_dump(exclude=skip) == alone.model_dump(exclude=skip)
    assert {"language", "order_lookup", "intent", "translation", "policies", "suggestions", "summary"} <= set(
        busy.timings_ms
    )
    assert len(orders.threads) >= 2 and len(set(orders.threads)) == 1  # language, orders, ...: one thread
    assert slots._free == 2
    services.close()
