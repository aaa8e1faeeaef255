"""Print what the fuzzers did (`make test-fuzz`): operations sent and server errors found, per suite."""

from __future__ import annotations

import json
import sys

from tests.fuzz.world import RESULTS


def main() -> int:
    if not RESULTS.exists():
        print(f"no fuzzing results at {RESULTS}")  # noqa: T201 - a command-line summary
        return 1
    figures = json.loads(RESULTS.read_text(encoding="utf-8"))
    schemathesis = figures.get("schemathesis", {})
    hypothesis = {k: v for k, v in figures.items() if k.startswith("hypothesis ")}
    lines = [
        "fuzzing summary (docs/reliability.md, Bad input):",
        f"  schemathesis: {schemathesis.get('operations', 0)} generated operations over "
        f"{schemathesis.get('root_fields', 0)} root fields in {schemathesis.get('seconds', 0)} s; server errors: "
        f"{schemathesis.get('server_errors', 'not run')}; HTTP statuses {schemathesis.get('http_statuses', {})}",
        f"  hypothesis strategies: {sum(v.get('operations', 0) for v in hypothesis.values())} operations over "
        f"{len(hypothesis)} input types; server errors: {sum(v.get('server_errors', 0) for v in hypothesis.values())}",
        f"  details: {RESULTS}",
    ]
    print("\n".join(lines))  # noqa: T201 - a command-line summary
    return 0


if __name__ == "__main__":
    sys.exit(main())
