#!/usr/bin/env python3
"""Softmax regression on the 8x8 digits, in plain Python (no package): a program Sweep can run as a trial.

It does what Sweep asks of a program (docs/sweep-files.md, "Your own program"):
  * one JSON object a line on standard output per epoch: {"epoch": 3, "train_loss": ..., "val_accuracy": ...};
  * its checkpoint saved before the epoch's line, so that --resume goes on from the last epoch Sweep recorded;
  * the same split for every trial (split seed 0); --seed varies only the initial weights and the shuffling.
"""
import argparse
import gzip
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DATA = os.path.join(HERE, "..", "..", "data", "digits8x8", "digits.csv.gz")
CLASSES, FEATURES = 10, 64


def load(path):
    with gzip.open(path, "rt") as f:
        rows = [line.strip().split(",") for line in f if line.strip()]
    return [([float(v) / 16.0 for v in r[:FEATURES]], int(r[FEATURES])) for r in rows]


def split(samples):
    """The same split for every trial: 20 % test, 10 % validation, the rest training."""
    order = list(range(len(samples)))
    random.Random(0).shuffle(order)
    n_test, n_val = len(samples) // 5, len(samples) // 10
    pick = lambda idx: [samples[i] for i in idx]
    return pick(order[n_test + n_val:]), pick(order[n_test:n_test + n_val]), pick(order[:n_test])


def probabilities(weights, bias, x):
    logits = [b + sum(w_i * x_i for w_i, x_i in zip(w, x)) for w, b in zip(weights, bias)]
    top = max(logits)
    exps = [math.exp(z - top) for z in logits]
    total = sum(exps)
    return [e / total for e in exps]


def evaluate(weights, bias, data):
    loss, correct = 0.0, 0
    for x, y in data:
        p = probabilities(weights, bias, x)
        loss -= math.log(max(p[y], 1e-12))
        correct += max(range(CLASSES), key=p.__getitem__) == y
    return loss / len(data), correct / len(data)


def train_epoch(weights, bias, data, lr, l2, batch, rng):
    order = list(range(len(data)))
    rng.shuffle(order)
    loss, correct = 0.0, 0
    for start in range(0, len(order), batch):
        chunk = order[start:start + batch]
        grad_w = [[0.0] * FEATURES for _ in range(CLASSES)]
        grad_b = [0.0] * CLASSES
        for i in chunk:
            x, y = data[i]
            p = probabilities(weights, bias, x)
            loss -= math.log(max(p[y], 1e-12))
            correct += max(range(CLASSES), key=p.__getitem__) == y
            for c in range(CLASSES):
                g = p[c] - (1.0 if c == y else 0.0)
                if g != 0.0:
                    row = grad_w[c]
                    for j, x_j in enumerate(x):
                        row[j] += g * x_j
                    grad_b[c] += g
        scale = lr / len(chunk)
        for c in range(CLASSES):
            w, g = weights[c], grad_w[c]
            for j in range(FEATURES):
                w[j] -= scale * g[j] + lr * l2 * w[j]
            bias[c] -= scale * grad_b[c]
    return loss / len(data), correct / len(data)


def save(path, state):
    temporary = path + ".tmp"
    with open(temporary, "w") as f:
        json.dump(state, f)
    os.replace(temporary, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lr", type=float, default=0.1)
    parser.add_argument("--l2", type=float, default=0.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--checkpoint", help="save the state here after every epoch")
    parser.add_argument("--resume", help="go on from this checkpoint, if it exists")
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--log", help="append a line here each time the program starts (to see what ran)")
    args = parser.parse_args()

    if args.log:
        with open(args.log, "a") as f:
            f.write(f"start {os.environ.get('SWEEP_TRIAL_ID', '-')} lr={args.lr} l2={args.l2} seed={args.seed} "
                    f"resume={bool(args.resume)}\n")
    train, val, test = split(load(args.data))
    rng = random.Random(args.seed)
    weights = [[rng.gauss(0.0, 0.01) for _ in range(FEATURES)] for _ in range(CLASSES)]
    bias = [0.0] * CLASSES
    first = 1
    if args.resume and os.path.exists(args.resume):
        with open(args.resume) as f:
            state = json.load(f)
        weights, bias, first = state["weights"], state["bias"], state["epoch"] + 1
        rng.setstate((state["rng"][0], tuple(state["rng"][1]), state["rng"][2]))
        print(f"resumed from epoch {state['epoch']}", file=sys.stderr)
    for epoch in range(first, args.epochs + 1):
        train_loss, train_accuracy = train_epoch(weights, bias, train, args.lr, args.l2, args.batch, rng)
        val_loss, val_accuracy = evaluate(weights, bias, val)
        report = {"epoch": epoch, "train_loss": train_loss, "train_accuracy": train_accuracy,
                  "val_loss": val_loss, "val_accuracy": val_accuracy, "learning_rate": args.lr}
        if epoch == args.epochs:
            report["test_loss"], report["test_accuracy"] = evaluate(weights, bias, test)
        if args.checkpoint:
            save(args.checkpoint, {"epoch": epoch, "weights": weights, "bias": bias, "rng": rng.getstate()})
        print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
