#!/usr/bin/env python3
"""A peer for scripts/bench: the same nets trained by PyTorch on the CPU, one thread, 60,000 synthetic samples, the
usual loop (nn.Sequential, CrossEntropyLoss or MSELoss, torch.optim). Prints CSV rows: torch,<net>,<best s/epoch>.

    /usr/bin/python3 scripts/bench-torch.py [ROUNDS]
"""
import sys
import time

import torch

torch.set_num_threads(1)
torch.manual_seed(7)
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
N, F, C = 60_000, 784, 10
X = torch.rand(N, F)
Y = torch.randint(0, C, (N,))
ONEHOT = torch.nn.functional.one_hot(Y, C).float()


def epoch(sizes, act, batch, loss, opt, lr):
    layers = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(a, b))
        if i < len(sizes) - 2 or loss == "mse":
            layers.append(act())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr) if opt == "adam" else torch.optim.SGD(model.parameters(), lr=lr)
    criterion = torch.nn.CrossEntropyLoss() if loss == "ce" else torch.nn.MSELoss(reduction="sum")
    order = torch.randperm(N)
    start = time.perf_counter()
    for s in range(0, N, batch):
        idx = order[s:s + batch]
        optimizer.zero_grad(set_to_none=True)
        out = model(X[idx])
        l = criterion(out, Y[idx]) if loss == "ce" else criterion(out, ONEHOT[idx]) / (2 * len(idx))
        l.backward()
        optimizer.step()
    return time.perf_counter() - start


def best(*args):
    return min(epoch(*args) for _ in range(ROUNDS))


try:
    from threadpoolctl import threadpool_info
    blas = "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}"
                     for i in threadpool_info() if i.get("user_api") == "blas") or "its own"
except ImportError:
    blas = "threadpoolctl missing"
print(f"torch-info,PyTorch {torch.__version__}; {torch.get_num_threads()} thread(s); BLAS {blas},")
print(f"torch,784-128-10 relu adam b32,{best([784, 128, 10], torch.nn.ReLU, 32, 'ce', 'adam', 1e-3):.4f}")
print(f"torch,784-128-10 relu adam b128,{best([784, 128, 10], torch.nn.ReLU, 128, 'ce', 'adam', 1e-3):.4f}")
print(f"torch,784-256-128-128-10 relu adam b32,{best([784, 256, 128, 128, 10], torch.nn.ReLU, 32, 'ce', 'adam', 1e-3):.4f}")
print(f"torch,784-30-10 sigmoid mse sgd b10,{best([784, 30, 10], torch.nn.Sigmoid, 10, 'mse', 'sgd', 3.0):.4f}")
