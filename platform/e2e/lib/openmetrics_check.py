#!/usr/bin/env python3
"""Parses an exposition from stdin with prometheus_client's strict parser and prints the
families as JSON: {"name": {"type": ..., "unit": ..., "samples": [[name, labels, value], ...]}}.

argv[1] is "openmetrics" (the strict OpenMetrics 1.0.0 parser: # EOF, _total, units, histogram
rules) or "prometheus" (the 0.0.4 text parser). A parse error exits 1 with the message on stderr.
"""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families as openmetrics_families
from prometheus_client.parser import text_string_to_metric_families as prometheus_families


def main():
    text = sys.stdin.read()
    parse = openmetrics_families if sys.argv[1] == "openmetrics" else prometheus_families
    out = {}
    try:
        for family in parse(text):
            out[family.name] = {
                "type": family.type,
                "unit": getattr(family, "unit", ""),
                "samples": [[s.name, s.labels, s.value] for s in family.samples],
            }
    except Exception as e:  # the parser raises ValueError and friends; report any of them
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        sys.exit(1)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
