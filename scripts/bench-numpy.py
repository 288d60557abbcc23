#!/usr/bin/env python3
"""A peer for scripts/bench: the same nets trained by a plain vectorised numpy loop (float32, OpenBLAS on one thread),
60,000 synthetic samples. Prints CSV rows: numpy,<net>,<best seconds per epoch of the rounds>, and the BLAS it ran on.
scripts/bench runs it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, so that OpenBLAS picks its own kernel.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 scripts/bench-numpy.py [ROUNDS]
"""
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
N, F, C = 60_000, 784, 10
rng = np.random.default_rng(7)
X = rng.random((N, F), dtype=np.float32)
Y = rng.integers(0, C, N)
ONEHOT = np.eye(C, dtype=np.float32)[Y]


def relu_adam_epoch(sizes, batch, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    Ws = [(rng.standard_normal((i, o)) * np.sqrt(2 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    bs = [np.zeros(o, np.float32) for o in sizes[1:]]
    params = Ws + bs
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    t = 0
    order = rng.permutation(N)
    start = time.perf_counter()
    for s in range(0, N, batch):
        idx = order[s:s + batch]
        x, y = X[idx], ONEHOT[idx]
        acts = [x]
        for l, (W, b) in enumerate(zip(Ws, bs)):
            z = acts[-1] @ W + b
            acts.append(np.maximum(z, 0) if l < len(Ws) - 1 else z)
        z = acts[-1] - acts[-1].max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        d = (p - y) / len(idx)
        gW, gb = [None] * len(Ws), [None] * len(Ws)
        for l in range(len(Ws) - 1, -1, -1):
            gW[l] = acts[l].T @ d
            gb[l] = d.sum(axis=0)
            if l:
                d = (d @ Ws[l].T) * (acts[l] > 0)
        t += 1
        for i, g in enumerate(gW + gb):
            m[i] = b1 * m[i] + (1 - b1) * g
            v[i] = b2 * v[i] + (1 - b2) * g * g
            params[i] -= lr / (1 - b1 ** t) * m[i] / (np.sqrt(v[i] / (1 - b2 ** t)) + eps)
    return time.perf_counter() - start


def sigmoid_sgd_epoch(batch=10, lr=3.0):
    W1 = (rng.standard_normal((F, 30)) / np.sqrt(F)).astype(np.float32)
    W2 = (rng.standard_normal((30, C)) / np.sqrt(30)).astype(np.float32)
    b1, b2 = np.zeros(30, np.float32), np.zeros(C, np.float32)
    sig = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
    order = rng.permutation(N)
    start = time.perf_counter()
    for s in range(0, N, batch):
        idx = order[s:s + batch]
        x, y = X[idx], ONEHOT[idx]
        a1 = sig(x @ W1 + b1)
        a2 = sig(a1 @ W2 + b2)
        d2 = (a2 - y) * a2 * (1 - a2) / len(idx)
        d1 = (d2 @ W2.T) * a1 * (1 - a1)
        W2 -= lr * (a1.T @ d2); b2 -= lr * d2.sum(0)
        W1 -= lr * (x.T @ d1); b1 -= lr * d1.sum(0)
    return time.perf_counter() - start


def best(f, *args):
    return min(f(*args) for _ in range(ROUNDS))


try:
    from threadpoolctl import threadpool_info
    blas = "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} {i.get('num_threads')} thread(s)"
                     for i in threadpool_info() if i.get("user_api") == "blas")
except ImportError:
    blas = "threadpoolctl missing"
print(f"numpy-info,numpy {np.__version__}; BLAS {blas},")


print(f"numpy,784-128-10 relu adam b32,{best(relu_adam_epoch, [784, 128, 10], 32):.4f}")
print(f"numpy,784-128-10 relu adam b128,{best(relu_adam_epoch, [784, 128, 10], 128):.4f}")
print(f"numpy,784-256-128-128-10 relu adam b32,{best(relu_adam_epoch, [784, 256, 128, 128, 10], 32):.4f}")
print(f"numpy,784-30-10 sigmoid mse sgd b10,{best(sigmoid_sgd_epoch):.4f}")
