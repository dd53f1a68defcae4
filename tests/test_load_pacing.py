"""When the load bench's agents send (bench/load/traffic.py: Pacer, burstiness, server_ms)."""

from __future__ import annotations

import importlib.util
import random
import statistics
import sys
from pathlib import Path

import pytest

TRAFFIC = Path(__file__).resolve().parents[1] / "bench" / "load" / "traffic.py"
spec = importlib.util.spec_from_file_location("load_traffic", TRAFFIC)
assert spec and spec.loader
traffic = importlib.util.module_from_spec(spec)
sys.modules["load_traffic"] = traffic
spec.loader.exec_module(traffic)


def send_times(arrivals: str, agents: int = 40, rate: float = 0.5, seconds: float = 60, answer_s: float = 0.02):
    """Every agent's send times over ``seconds``, each answer taking ``answer_s``."""
    times = []
    for seed in range(agents):
        pacer = traffic.Pacer(rate, arrivals, random.Random(seed), start=0.0)
        t = pacer.first_wait(0.0)
        while t < seconds:
            times.append(t)
            now = t + answer_s
            t = now + pacer.next_wait(now)
    return times


def test_phased_agents_spread_over_the_period_at_the_offered_rate():
    times = send_times("phased")
    assert len(times) == pytest.approx(20 * 60, rel=0.03)
    assert traffic.burstiness(times) <= 8  # 2 a 100 ms on average; 40 would be every agent at once


def test_lockstep_agents_all_send_in_the_same_instant():
    times = send_times("lockstep")
    assert len(times) == pytest.approx(20 * 60, rel=0.03)
    assert traffic.burstiness(times) == 40


def test_poisson_agents_send_at_the_offered_rate_with_exponential_gaps():
    times = sorted(send_times("poisson", seconds=300))
    assert len(times) == pytest.approx(20 * 300, rel=0.05)
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert statistics.stdev(gaps) / statistics.mean(gaps) == pytest.approx(1.0, abs=0.1)  # exponential: CV 1


def test_an_agent_behind_schedule_sends_at_once_and_does_not_catch_up_in_a_burst():
    pacer = traffic.Pacer(1.0, "phased", random.Random(1), start=0.0)
    first = pacer.first_wait(0.0)
    assert 0 <= first <= 1.0
    late = first + 3.5  # the answer took 3.5 periods
    assert pacer.next_wait(late) == 0.0
    assert pacer.next_wait(late) == pytest.approx(1.0)


def test_a_bad_pacing_is_refused_naming_the_choices():
    with pytest.raises(ValueError, match="poisson, phased, lockstep"):
        traffic.Pacer(1.0, "bursty", random.Random(), start=0.0)
    with pytest.raises(ValueError, match="rate must be positive"):
        traffic.Pacer(0, "poisson", random.Random(), start=0.0)


@pytest.mark.parametrize(
    ("header", "ms"), [("app;dur=12.5", 12.5), ("app;desc=x;dur=3", 3.0), (None, None), ("app;dur=x", None)]
)
def test_the_servers_own_time_is_read_from_its_server_timing_header(header, ms):
    assert traffic.server_ms(header) == ms
