#!/usr/bin/env python3
"""The kernel OpenBLAS chose for this CPU, as numpy loads it (threadpoolctl): one word, e.g. SkylakeX, Zen, Prescott.

scripts/bench runs it with OPENBLAS_CORETYPE unset, to learn whether OpenBLAS knows this CPU or fell back to a
generic kernel (OpenBLAS 0.3.21 takes Intel's family 6 model 207 for a Prescott, SSE3, four times slower).
"""
import numpy  # noqa: F401  (loads OpenBLAS, so that threadpoolctl finds it)
from threadpoolctl import threadpool_info

print(next((i.get("architecture") or "unknown" for i in threadpool_info()
            if i.get("internal_api") == "openblas"), "none"))
