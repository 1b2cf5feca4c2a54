#!/usr/bin/env python3
"""Copies the files `sgeo regress` reads from a smoke reproduction's outdir, trimmed to what it reads.

  trim_smoke.py OUTDIR FIXTURE_DIR [--linreg-json]

scores.csv: the pooled candidate rows, with the columns the reader uses; identification.json: candidates,
runs (labels and identified), failed; train.json: without the per-epoch history and trials; run.json:
experiment, stage, status, times, commit, params; linreg.json (with --linreg-json): its runs with their
ΔCDF per candidate. Every number is copied unchanged.
"""
import csv
import json
import sys
from pathlib import Path


SCORE_COLUMNS = ["run_id", "trained_potential", "architecture", "seed", "scope", "candidate", "n", "excluded",
                 "delta_cdf", "role"]
RUN_KEYS = ["run_id", "trained_potential", "architecture", "seed", "scope", "identified"]
LINREG_KEYS = ["run_id", "trained_potential", "k", "power", "d", "n", "seed", "diverged", "identified"]


def slim(name, d):
    if name == "identification.json":
        d["runs"] = [{k: r[k] for k in RUN_KEYS if k in r} for r in d["runs"]]
    if name == "linreg.json":
        d["runs"] = [dict({k: r[k] for k in LINREG_KEYS if k in r},
                          scores={c: {k: s[k] for k in ("delta_cdf", "scored", "excluded")}
                                  for c, s in r["scores"].items()}) for r in d["runs"]]
    return d


def trim(src, dst, linreg_json):
    for f in sorted(src.rglob("*")):
        if "work" in f.relative_to(src).parts or not f.is_file():
            continue
        out = dst / f.relative_to(src)
        name = f.name
        if name == "scores.csv":
            with open(f, newline="") as fh:
                rows = list(csv.DictReader(fh))
            keep = [r for r in rows if r["scope"] == "pooled" and r.get("role", "candidate") == "candidate"]
            out.parent.mkdir(parents=True, exist_ok=True)
            with open(out, "w", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=SCORE_COLUMNS, lineterminator="\n", extrasaction="ignore")
                w.writeheader()
                w.writerows(keep)
            continue
        keys = {"identification.json": ["candidates", "runs", "failed"],
                "train.json": None, "run.json": ["format", "run_id", "experiment", "stage", "status",
                                                 "start_time", "end_time", "git_commit", "params"],
                "linreg.json": ["stage", "candidates", "runs"] if linreg_json else []}.get(name, [])
        if not keys and keys is not None:
            continue
        d = json.loads(f.read_text())
        if name == "train.json":
            d = {k: v for k, v in d.items() if k not in ("history", "trials")}
        else:
            d = {k: d[k] for k in keys if k in d}
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(slim(name, d), indent=1) + "\n")


if __name__ == "__main__":
    trim(Path(sys.argv[1]), Path(sys.argv[2]), "--linreg-json" in sys.argv[3:])
