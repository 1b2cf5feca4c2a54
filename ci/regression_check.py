#!/usr/bin/env python3
"""Science regression checks of the smoke reproduction (standard library only).

  regression_check.py check  RESULTS BASELINE.json   exit 1 with a readable diff if a figure leaves its band
  regression_check.py update RESULTS BASELINE.json   rewrite the baseline from RESULTS (commit it on its own)

Figures (read from every scores.csv / identification.json / train.json under RESULTS):
  - identification per (architecture, trained potential), pooled scope: runs identified as trained / runs;
  - ΔCDF (exact, uncentred, pooled) per (architecture, n, trained potential, candidate), mean over seeds;
  - final test accuracy per (architecture, trained potential), mean over seeds (fine-tuning runs).

Tolerances come from the seed-to-seed spread measured in the run that made the baseline: for a mean of
m seeds with sample sd s, a code change that only reshuffles random streams moves the mean by a
difference of two independent means, sd s*sqrt(2/m); the band is mean +- (4*s*sqrt(2/m) + abs_eps),
abs_eps = 0.002 for ΔCDF and 0.01 for accuracies (float32 noise; single-seed groups get no s term).
Identification may lose at most ceil(2*sqrt(m*p*(1-p))) correct runs (binomial sd, p = baseline
fraction clipped to [1/m, 1-1/m]) and must keep its majority wherever the baseline had one.
"""
import csv
import json
import math
import statistics
import sys
from pathlib import Path


def _files(results, name):
    return sorted(p for p in Path(results).rglob(name) if "work" not in p.parts)


def measure(results):
    """Group the figures of a results folder: {figure_key: [values over seeds]}."""
    delta, ident, acc = {}, {}, {}
    arch_of = {}
    for f in _files(results, "scores.csv"):
        with open(f, newline="") as fh:
            for r in csv.DictReader(fh):
                arch_of[r["run_id"]] = r["architecture"]
                if r["scope"] != "pooled" or not r["trained_potential"] or r.get("role", "candidate") != "candidate":
                    continue
                key = f'{r["architecture"]} n={r["n"]} trained={r["trained_potential"]} candidate={r["candidate"]}'
                v = float(r["delta_cdf"])
                if math.isfinite(v):
                    delta.setdefault(key, []).append(v)
    for f in _files(results, "identification.json"):
        for run in json.loads(f.read_text())["runs"]:
            if run.get("scope") != "pooled" or not run.get("trained_potential") or run.get("identified") is None:
                continue
            key = f'{arch_of.get(run["run_id"], "?")} trained={run["trained_potential"]}'
            ident.setdefault(key, []).append(1.0 if run["identified"] == run["trained_potential"] else 0.0)
    for f in _files(results, "train.json"):
        t = json.loads(f.read_text())
        after = t.get("test_accuracy_after", t.get("testAccuracyAfter"))
        if after is not None:
            arch = t.get("architecture", "?")
            key = f'{arch} trained={t.get("potential", "?")}'
            acc.setdefault(key, []).append(float(after))
    return {"delta_cdf": delta, "identification": ident, "test_accuracy": acc}


def _band(values, abs_eps):
    m = len(values)
    mean = statistics.fmean(values)
    s = statistics.stdev(values) if m > 1 else 0.0
    half = 4 * s * math.sqrt(2 / m) + abs_eps
    return {"mean": mean, "sd": s, "seeds": m, "low": mean - half, "high": mean + half}


def baseline(results):
    fig = measure(results)
    out = {"tolerance_rule": __doc__.split("Tolerances")[1].strip().split("\n\n")[0],
           "delta_cdf": {k: _band(v, 0.002) for k, v in sorted(fig["delta_cdf"].items())},
           "test_accuracy": {k: _band(v, 0.01) for k, v in sorted(fig["test_accuracy"].items())},
           "identification": {}}
    for k, v in sorted(fig["identification"].items()):
        m, correct = len(v), int(sum(v))
        p = min(max(correct / m, 1 / m), 1 - 1 / m) if m > 1 else 1.0
        floor = max(0, correct - math.ceil(2 * math.sqrt(m * p * (1 - p))))
        if 2 * correct > m:
            floor = max(floor, m // 2 + 1)
        out["identification"][k] = {"correct": correct, "runs": m, "min_correct": floor}
    return out


def check(results, base):
    fig = measure(results)
    problems, lines = [], []
    for kind in ("delta_cdf", "test_accuracy"):
        for key, b in base[kind].items():
            vals = fig[kind].get(key)
            if not vals:
                problems.append(f"{kind} {key}: missing (baseline mean {b['mean']:.4f} over {b['seeds']} seeds)")
                continue
            mean = statistics.fmean(vals)
            ok = b["low"] <= mean <= b["high"]
            lines.append(f"{'ok  ' if ok else 'FAIL'} {kind:14s} {key}: {mean:.4f} in [{b['low']:.4f}, {b['high']:.4f}]")
            if not ok:
                problems.append(f"{kind} {key}: {mean:.4f} left its band [{b['low']:.4f}, {b['high']:.4f}]"
                                f" (baseline {b['mean']:.4f} +- from seed sd {b['sd']:.4f}, {b['seeds']} seeds)")
    for key, b in base["identification"].items():
        vals = fig["identification"].get(key, [])
        correct = int(sum(vals))
        ok = len(vals) == b["runs"] and correct >= b["min_correct"]
        lines.append(f"{'ok  ' if ok else 'FAIL'} identification {key}: {correct}/{len(vals)} (min {b['min_correct']}/{b['runs']})")
        if not ok:
            problems.append(f"identification {key}: {correct}/{len(vals)} identified as trained,"
                            f" baseline {b['correct']}/{b['runs']}, at least {b['min_correct']} required")
    for kind in ("delta_cdf", "identification", "test_accuracy"):
        for key in sorted(set(fig[kind]) - set(base[kind])):
            problems.append(f"{kind} {key}: new figure not in the baseline (run the update command deliberately)")
    return problems, lines


def main(argv):
    if len(argv) != 4 or argv[1] not in ("check", "update"):
        print(__doc__, file=sys.stderr)
        return 2
    results, path = argv[2], Path(argv[3])
    if not any(Path(results).rglob("scores.csv")):
        print(f"regression: no scores.csv under {results}; run the smoke reproduction first", file=sys.stderr)
        return 2
    if argv[1] == "update":
        path.write_text(json.dumps(baseline(results), indent=1, sort_keys=True) + "\n")
        print(f"regression: wrote {path}; commit it on its own with the reason for the change")
        return 0
    problems, lines = check(results, json.loads(path.read_text()))
    print("\n".join(lines))
    if problems:
        print(f"\nregression: {len(problems)} figure(s) left their band (baseline {path}):", file=sys.stderr)
        print("\n".join("  - " + p for p in problems), file=sys.stderr)
        print("If the change is intended: ci/update-baseline.sh, then commit the baseline alone.", file=sys.stderr)
        return 1
    print(f"regression: {len(lines)} figures within their bands")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
