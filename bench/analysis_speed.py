"""Speed of the tone analyser: throughput, latency, start-up time and memory.

    .venv/bin/python bench/analysis_speed.py [--rounds 5] [--messages 600]

Texts are dev/val messages from ../shared/datasets when present (GoEmotions, OLID, the
complaints set), otherwise built-in support messages. Every figure is the median over
``--rounds`` rounds, because the machine is shared and noisy; throughput is also given per
CPU-second the process used, which moves less with other workers' load (the model runs
on two threads, so on an idle machine wall-clock throughput is up to twice that), and the
load average is printed. Start-up and memory are measured in fresh processes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FALLBACK = [
    "Hi, could you tell me when my order will arrive? Thanks!",
    "This is the THIRD time I've called about my refund and it's STILL not here!!!",
    "I want to speak to a manager now. Your service is a joke and I'm switching to a competitor.",
    "My broadband drops out every evening since the engineer visited. Please help.",
    "You useless idiots charged me twice. I'll be taking this to the ombudsman.",
    "Thanks for sorting that so quickly, really appreciate it.",
]

STARTUP = """
import time, resource
t0 = time.perf_counter()
from calmdesk.analysis import analyze_message
analyze_message("Where is my parcel? This is the second time I've asked.")
t1 = time.perf_counter()
from calmdesk.analysis import analyze_messages
analyze_messages(TEXTS)
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f'{{"startup_s": {t1 - t0}, "max_rss_mb": {rss}}}')
"""


def sample_texts(limit: int) -> list[str]:
    """Dev/val texts from the shared datasets, mixed; built-in messages when they are absent."""
    try:
        from training import datasets

        pools = [
            datasets.goemotions("dev").texts,
            datasets.tweeteval("offensive", "val").texts,
            datasets.complaints().texts,
        ]
    except OSError:
        return (FALLBACK * (limit // len(FALLBACK) + 1))[:limit]
    mixed = [text for group in zip(*pools, strict=False) for text in group]
    return mixed[:limit]


def rate(function, texts: list[str], rounds: int) -> tuple[float, float]:
    """Median messages per second of ``function(texts)``: per wall second and per CPU second."""
    wall, cpu = [], []
    for _ in range(rounds):
        started, cpu_started = time.perf_counter(), time.process_time()
        function(texts)
        wall.append(len(texts) / (time.perf_counter() - started))
        cpu.append(len(texts) / (time.process_time() - cpu_started))
    return statistics.median(wall), statistics.median(cpu)


def startup(rounds: int, texts: list[str]) -> dict[str, float]:
    """Fresh-process start-up (import, load, first message) and peak memory after a batch."""
    code = STARTUP.replace("TEXTS", repr(texts[:256]))
    runs = []
    for _ in range(rounds):
        out = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> None:
    """Runs every measurement and prints a table (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--messages", type=int, default=600)
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--fast-only", action="store_true", help="measure only the lexicon-only path")
    args = parser.parse_args()

    from calmdesk.analysis import analyze_message, analyze_messages

    texts = sample_texts(args.messages)
    if args.fast_only:
        analyze_messages(texts[:32], fast=True)
        bulk = texts * max(1, 5000 // len(texts))
        load = os.getloadavg()[0]
        wall, cpu = rate(lambda t: analyze_messages(t, fast=True), bulk, args.rounds)
        print(
            f"lexicon-only fast path, {len(bulk)} messages, medians of {args.rounds} rounds, "
            f"load average {load:.1f}: {wall:.0f} messages/s ({cpu:.0f} per CPU-second)"
        )
        return
    analyze_messages(texts[:32])  # load the model outside the timings
    analyze_messages(texts[:32], fast=True)
    singles = texts[:200]
    latencies = []
    for _ in range(args.rounds):
        for text in singles:
            started = time.perf_counter()
            analyze_message(text)
            latencies.append(time.perf_counter() - started)
    latencies.sort()
    bulk = texts * max(1, 5000 // len(texts))
    load_before = os.getloadavg()[0]
    batched, batched_cpu = rate(analyze_messages, texts, args.rounds)
    fast, fast_cpu = rate(lambda t: analyze_messages(t, fast=True), bulk, args.rounds)
    results = {
        "messages": len(texts),
        "mean_chars": statistics.mean(len(t) for t in texts),
        "batched_per_s": batched,
        "batched_per_cpu_s": batched_cpu,
        "one_at_a_time_per_s": len(latencies) / sum(latencies),
        "single_p50_ms": 1000 * latencies[len(latencies) // 2],
        "single_p95_ms": 1000 * latencies[int(len(latencies) * 0.95)],
        "fast_batched_per_s": fast,
        "fast_batched_per_cpu_s": fast_cpu,
        **startup(min(args.rounds, 3), texts),
        "load_average": (load_before + os.getloadavg()[0]) / 2,
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(
        f"texts: {results['messages']} dev/val messages, mean {results['mean_chars']:.0f} characters; "
        f"medians of {args.rounds} rounds; 1-minute load average {results['load_average']:.1f} "
        f"on {os.cpu_count()} cores"
    )
    rows = [
        ("batched (analyze_messages)", f"{results['batched_per_s']:.0f} messages/s", "≥ 300"),
        ("batched, per CPU-second used", f"{results['batched_per_cpu_s']:.0f} messages/s", ""),
        ("one at a time (analyze_message)", f"{results['one_at_a_time_per_s']:.0f} messages/s", ""),
        ("one message, p50", f"{results['single_p50_ms']:.1f} ms", ""),
        ("one message, p95", f"{results['single_p95_ms']:.1f} ms", "≤ 15 ms"),
        ("lexicon-only fast path, batched", f"{results['fast_batched_per_s']:.0f} messages/s", "≥ 5,000"),
        ("fast path, per CPU-second used", f"{results['fast_batched_per_cpu_s']:.0f} messages/s", ""),
        ("start-up (import, load, first message)", f"{results['startup_s']:.2f} s", "≤ 3 s"),
        ("peak resident memory", f"{results['max_rss_mb']:.0f} MB", ""),
    ]
    print("| measure | result | target |\n| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
