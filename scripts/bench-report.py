#!/usr/bin/env python3
"""scripts/bench's summary: Sweep's figures (the best of its passes), the peers' measured in the same run, the
ratios between them, and each net's floor: its floating-point work per epoch at this core's measured FMA peak.
For an Adam net, a second floor adds Adam's square root and division at their measured rate (one of each per weight
and step, on the divider unit, which the FMA peak does not count and no exact Adam avoids), and the most speed-up
over each peer that this floor leaves. Everything printed comes from this run's files; nothing is remembered from
another run.

    bench-report.py WORKDIR [CSV]
"""
import csv
import glob
import os
import sys

work, out = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None)
SAMPLES = 60_000
NETS = {
    "784-128-10 relu adam b32": [784, 128, 10],
    "784-128-10 relu adam b128": [784, 128, 10],
    "784-256-128-128-10 relu adam b32": [784, 256, 128, 128, 10],
    "784-30-10 sigmoid mse sgd b10": [784, 30, 10],
}

ours = {}
for path in sorted(glob.glob(os.path.join(work, "sweep-*.csv"))):
    for row in csv.DictReader(open(path)):
        key = (row["name"], row["unit"])
        v = float(row["value"])
        better = min if row["unit"] == "s/epoch" else max
        ours[key] = better(ours[key], v) if key in ours else v

peers, info = {}, {}
for name in ("numpy", "torch"):
    path = os.path.join(work, f"{name}.csv")
    for line in (open(path).read().splitlines() if os.path.exists(path) else []):
        parts = line.split(",")
        if parts[0] == f"{name}-info":
            info[name] = parts[1]
        elif parts[0] == name and len(parts) == 3:
            peers[(name, parts[1])] = float(parts[2])

# OpenBLAS's kernels older than AVX2 (its fallbacks for a CPU it does not know): a peer running one is handicapped
# on the CPUs Sweep meets, and no ratio is printed against it.
GENERIC = ("Prescott", "Katmai", "Coppermine", "Northwood", "Banias", "Core2", "Penryn", "Dunnington", "Nehalem",
           "Atom", "Sandybridge")


def handicapped(setup):
    """Whether a peer's setup row says its BLAS ran (not just first chose) a generic kernel."""
    ran = setup.split("; BLAS ", 1)[1] if "; BLAS " in setup else ""
    return any(f" {kernel} " in f" {ran} " for kernel in GENERIC)


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
family = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("cpu family")), "?")
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model\t")), "?")
peak = ours.get(("fp32 fma peak one core (register-only)", "GFLOP/s"))
divider = ours.get(("optimizer adam's square root and division alone, 784x128 weights", "ns/weight"))

rows = [("machine", f"{cpu} (family {family}, model {model}), one thread", "")]
rows += [(n, v, u) for (n, u), v in sorted(ours.items())]
# With --only gemm no net was trained: no floors, no peers' nets.
trained = any(name.startswith("train ") for name, _ in ours)
for name in ("numpy", "torch"):
    if trained:
        rows.append((f"{name} setup", info.get(name, "not run"), ""))
for net, sizes in NETS.items() if trained else []:
    mine = ours.get((f"train {net}", "s/epoch"))
    # Forward x·W, weight gradient xᵀ·dY and (but for the first layer) input gradient dY·Wᵀ: 2 flops a multiply-add.
    flops = SAMPLES * sum(2 * a * b * (2 if i == 0 else 3) for i, (a, b) in enumerate(zip(sizes, sizes[1:])))
    floor_adam = None
    if peak:
        floor = flops / (peak * 1e9)
        rows.append((f"floor {net} (GEMM work at the measured peak)", floor, "s/epoch"))
        if mine:
            rows.append((f"sweep {net} / its floor", mine / floor, "x"))
        if " adam " in net and divider:
            batch = int(net.rsplit(" b", 1)[1])
            weights = sum(a * b + b for a, b in zip(sizes, sizes[1:]))  # biases take Adam's step too
            steps = -(-SAMPLES // batch)
            divide = weights * steps * divider * 1e-9
            floor_adam = floor + divide
            rows.append((f"adam's square root and division {net}", divide, "s/epoch"))
            rows.append((f"floor {net} with them", floor_adam, "s/epoch"))
            if mine:
                rows.append((f"sweep {net} / that floor", mine / floor_adam, "x"))
    for name in ("numpy", "torch"):
        theirs = peers.get((name, net))
        if theirs is None:
            # The setup row says why a peer did not run.
            rows.append((f"{name} {net}", "not run", ""))
            continue
        rows.append((f"{name} {net}", theirs, "s/epoch"))
        if handicapped(info.get(name, "")):
            rows.append((f"speed-up vs {name}: {net}", "not printed: its BLAS ran a generic fallback kernel", ""))
            continue
        if mine:
            rows.append((f"speed-up vs {name}: {net}", theirs / mine, "x"))
        if floor_adam:
            rows.append((f"most speed-up vs {name} at the floor with adam's division: {net}", theirs / floor_adam, "x"))

for name, value, unit in rows:
    shown = f"{value:10.3f}" if isinstance(value, float) else f" {value}"
    print(f"{name:58} {shown} {unit}")
if out:
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "value", "unit"])
        for name, value, unit in rows:
            w.writerow([name, repr(value) if isinstance(value, float) else value, unit])
