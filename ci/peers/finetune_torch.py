#!/usr/bin/env python3
"""The paper's fine-tuning protocol in PyTorch, the peer that `sgeo bench --suite finetune` times.

Written for the benchmark, in the style of the paper's public PyTorch code: a mirror-descent
optimizer that maps every parameter into the potential's dual space, steps there with momentum on
the primal gradient, and maps back; a cosine schedule stepped once per epoch; batch 256; per batch
the loss and the accuracy are read back with .item() as a PyTorch training loop does. For every
rate of the grid the pretrained weights are loaded again and trained on the same N Fashion-MNIST
test images that sgeo's finetune-per-map draws (the benchmark passes sgeo's permutation of the
test split); the rate with the lowest mean loss of the last epoch among finite runs is chosen.
Accuracy before and after is measured on the N images and on the rest of the split, as sgeo does.

Inputs: --protocol FILE.npz holds the pretrained parameters under sgeo's layer names (`fc1`,
`fc1.bias`, `conv1`, ...) and `permutation` (the test split's order; the first N are the subset).
Outputs in --out: init.npz and final.npz (the scored weights before and after, by layer name, for
`sgeo score`) and result.json (chosen rate, losses, accuracies).
"""
import argparse
import gzip
import json
import math
import os
import sys

import numpy as np
import torch
from torch import nn


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--protocol", required=True, help="npz with the pretrained parameters and the permutation")
    p.add_argument("--data", required=True, help="folder with t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz")
    p.add_argument("--arch", required=True, choices=["mlp-256", "cnn"])
    p.add_argument("--n", type=int, required=True, help="N, the number of fine-tuning images")
    p.add_argument("--potential", required=True, help="2-norm, 3-norm, <p>-norm or negative_entropy")
    p.add_argument("--lr-grid", required=True, help="comma-separated rates")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=256)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--seed", type=int, default=0, help="seed of the shuffling")
    p.add_argument("--threads", type=int, default=1, help="torch intra-op threads")
    p.add_argument("--out", required=True)
    return p.parse_args()


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def network(arch):
    if arch == "mlp-256":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)), \
            ["fc1", "fc2"]
    return nn.Sequential(
        nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10)), \
        ["conv1", "conv2", "fc1", "fc2"]


def weighted_modules(net):
    return [m for m in net if isinstance(m, (nn.Linear, nn.Conv2d))]


def load_pretrained(net, names, arrays):
    with torch.no_grad():
        for module, name in zip(weighted_modules(net), names):
            module.weight.copy_(torch.from_numpy(arrays[name]).reshape(module.weight.shape))
            module.bias.copy_(torch.from_numpy(arrays[name + ".bias"]).reshape(module.bias.shape))


class MirrorMap:
    """grad phi and its inverse for the p-norm (p > 1) and signed negative entropy."""

    def __init__(self, potential):
        if potential in ("negative_entropy", "ne", "eg"):
            self.kind, self.p = "ne", None
        elif potential.endswith("-norm"):
            self.kind, self.p = "pnorm", float(potential[:-len("-norm")])
        else:
            raise SystemExit("finetune_torch.py: --potential must be <p>-norm or negative_entropy, found " + potential)

    def to_dual(self, w):
        if self.kind == "ne":
            return torch.sign(w) * (torch.log(w.abs()) + 1)
        return torch.sign(w) * w.abs().pow(self.p - 1)

    def from_dual(self, theta, reference):
        if self.kind == "ne":
            s = torch.sign(reference)
            return s * torch.exp(s * theta - 1)
        return torch.sign(theta) * theta.abs().pow(1 / (self.p - 1))


class MirrorDescent(torch.optim.Optimizer):
    """w' = (grad phi)^-1(grad phi(w) - lr * b), b the momentum buffer of the primal gradient."""

    def __init__(self, params, lr, momentum, mirror_map):
        super().__init__(params, dict(lr=lr, momentum=momentum))
        self.map = mirror_map

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                state = self.state[p]
                if "buffer" not in state:
                    state["buffer"] = p.grad.clone()
                else:
                    state["buffer"].mul_(group["momentum"]).add_(p.grad)
                if self.map.kind == "ne":
                    p.mul_(torch.exp(-group["lr"] * torch.sign(p) * state["buffer"]))  # zero-safe form
                elif self.map.p == 2:
                    p.sub_(group["lr"] * state["buffer"])
                else:
                    p.copy_(self.map.from_dual(self.map.to_dual(p) - group["lr"] * state["buffer"], p))


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        correct = sum(int((net(x[i:i + 500]).argmax(1) == y[i:i + 500]).sum()) for i in range(0, len(y), 500))
    net.train()
    return correct / len(y)


def train(net, x, y, lr, args, mirror_map):
    """One trial: returns the per-epoch (loss, accuracy) and whether it diverged."""
    opt = MirrorDescent(net.parameters(), lr, args.momentum, mirror_map)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.Generator().manual_seed(args.seed)
    history = []
    for epoch in range(args.epochs):
        for g in opt.param_groups:
            g["lr"] = lr * (1 + math.cos(math.pi * epoch / args.epochs)) / 2
        perm = torch.randperm(len(y), generator=order)
        loss_sum, correct = 0.0, 0
        for start in range(0, len(y), args.batch_size):
            idx = perm[start:start + args.batch_size]
            out = net(x[idx])
            loss = loss_fn(out, y[idx])
            value = loss.item()
            if not math.isfinite(value):
                history.append((value, float("nan")))
                return history, True
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += value * len(idx)
            correct += int((out.argmax(1) == y[idx]).sum())
        history.append((loss_sum / len(y), correct / len(y)))
    return history, False


def scored(net, names):
    return {name: m.weight.detach().numpy().copy() for m, name in zip(weighted_modules(net), names)}


def main():
    args = parse_args()
    torch.set_num_threads(args.threads)
    arrays = dict(np.load(args.protocol))
    images = read_idx(os.path.join(args.data, "t10k-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(args.data, "t10k-labels-idx1-ubyte.gz")).astype(np.int64)
    perm = arrays["permutation"].astype(np.int64)
    shape = (-1, 784) if args.arch == "mlp-256" else (-1, 1, 28, 28)
    x_all = torch.from_numpy(images[perm].astype(np.float32) / 255).reshape(shape)
    y_all = torch.from_numpy(labels[perm])
    x, y, x_rest, y_rest = x_all[:args.n], y_all[:args.n], x_all[args.n:], y_all[args.n:]
    mirror_map = MirrorMap(args.potential)
    net, names = network(args.arch)
    load_pretrained(net, names, arrays)
    before = (accuracy(net, x, y), accuracy(net, x_rest, y_rest))
    init = scored(net, names)
    trials, best = [], None
    for lr in [float(r) for r in args.lr_grid.split(",")]:
        net, names = network(args.arch)
        load_pretrained(net, names, arrays)
        history, diverged = train(net, x, y, lr, args, mirror_map)
        final_loss = float("nan") if diverged else history[-1][0]
        trial_accuracy = None if diverged else accuracy(net, x, y)
        trials.append(dict(lr=lr, final_loss=final_loss, diverged=diverged, train_accuracy=trial_accuracy))
        print(f"finetune_torch: lr {lr:g} loss {final_loss:.4g} acc {trial_accuracy}", file=sys.stderr)
        if not diverged and (best is None or final_loss < best[0]):
            best = (final_loss, lr, net)
    os.makedirs(args.out, exist_ok=True)
    result = dict(potential=args.potential, arch=args.arch, n=args.n, trials=trials,
                  train_accuracy_before=before[0], test_accuracy_before=before[1], chosen_lr=None,
                  torch=torch.__version__, threads=torch.get_num_threads())
    if best is not None:
        _, lr, net = best
        np.savez(os.path.join(args.out, "init.npz"), **init)
        np.savez(os.path.join(args.out, "final.npz"), **scored(net, names))
        result.update(chosen_lr=lr, train_accuracy_after=accuracy(net, x, y),
                      test_accuracy_after=accuracy(net, x_rest, y_rest))
    with open(os.path.join(args.out, "result.json"), "w") as f:
        json.dump(result, f, indent=1)
    return 0 if best is not None else 1


if __name__ == "__main__":
    sys.exit(main())
