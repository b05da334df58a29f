"""How well the several-topics check does: the share of multi-topic requests it warns
on, and of single-topic requests it warns on by mistake, on the examples its rules were
tuned with and on the held-out set that was never used for tuning.

    python bench/topics.py [--show]      # --show lists the misses and false alarms
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sportello.tickets.tests import test_topics, topic_examples, topic_heldout  # noqa: E402
from sportello.tickets.topics import detect_topics  # noqa: E402


def rates(multi, single):
    missed = [text for text in multi if not detect_topics(text).several]
    alarms = [text for text in single if detect_topics(text).several]
    return missed, alarms


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    tuning_multi = [text for text, _reason in test_topics.SEVERAL_TOPICS] + [text for text, _n in topic_examples.MULTI]
    sets = [("tuning examples", tuning_multi, test_topics.SINGLE_TOPIC + topic_examples.SINGLE),
            ("held-out set", topic_heldout.MULTI, topic_heldout.SINGLE)]
    print(f"{'set':18} {'multi-topic warned':>20} {'single-topic warned':>21}")
    for name, multi, single in sets:
        missed, alarms = rates(multi, single)
        print(f"{name:18} {len(multi) - len(missed):>8}/{len(multi):<3} {100 * (1 - len(missed) / len(multi)):5.1f}%"
              f" {len(alarms):>9}/{len(single):<3} {100 * len(alarms) / len(single):5.1f}%")
        if args.show:
            for text in missed:
                print("   missed:", text[:150])
            for text in alarms:
                print("   alarm: ", text[:150])
    texts = [text for _name, multi, single in sets for text in multi + single]
    started = time.perf_counter()
    for text in texts * 20:
        detect_topics(text)
    print(f"\n{1e6 * (time.perf_counter() - started) / (len(texts) * 20):.0f} µs per request")
    pasted = ["Inoltre il backup non parte, " * 400, "x" * 20_000, "- uno; " * 2000 + ":", "1) a " * 2000]
    worst = 0.0
    for text in pasted:
        started = time.perf_counter()
        detect_topics(text)
        worst = max(worst, time.perf_counter() - started)
    print(f"{1000 * worst:.0f} ms at worst for 10,000 characters or more pasted in")


if __name__ == "__main__":
    main()
