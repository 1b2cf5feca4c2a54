# Writes the hand-made report fixture in the formats of design.md: python3 make_fixture.py
# 4 fine-tuning runs of mlp-16 (3-norm seed 2 misidentified as 2.5-norm), and a linreg.csv with
# both N-D rules (k 0.5, 0.75) and one diverged run.
import json
hdr = ("run_id,trained_potential,architecture,seed,scope,candidate,n,excluded,delta_cdf,delta_cdf_centered,"
       "delta_cdf_grid,magnitude,ks,anderson_darling,skewness,excess_kurtosis,floor")
rows = [hdr]
vals = {("2-norm", 1): {"negative_entropy": 0.30, "2-norm": 0.02, "3-norm": 0.10},
        ("2-norm", 2): {"negative_entropy": 0.28, "2-norm": 0.03, "3-norm": 0.12},
        ("3-norm", 1): {"negative_entropy": 0.35, "2-norm": 0.09, "3-norm": 0.025},
        ("3-norm", 2): {"negative_entropy": 0.33, "2-norm": 0.08, "3-norm": 0.07}}
n = 3600
ids = []
for (t, s), c in vals.items():
    rid = f"mlp-16-{t}-s{s}"
    for scope in ["pooled", "standardized"]:
        for cand, v in c.items():
            rows.append(f"{rid},{t},mlp-16,{s},{scope},{cand},{n},0,{v},{v},{v},0.01,{v},1.0,0.0,0.0,{1.2 / n ** 0.5}")
    best = "2.5-norm" if (t, s) == ("3-norm", 2) else min(c, key=c.get)
    for scope in ["pooled", "standardized"]:
        ids.append({"run_id": rid, "trained_potential": t, "scope": scope, "identified": best, "confidence": 0.9,
                    "p_hat": 2.0 if t == "2-norm" else 2.9,
                    "p_hat_interval": [1.9, 2.1] if t == "2-norm" else [2.7, 3.1]})
open("scores/scores.csv", "w").write("\n".join(rows) + "\n")
conf = {"pooled": {"2-norm": {"2-norm": 2}, "3-norm": {"3-norm": 1, "2.5-norm": 1}}}
json.dump({"candidates": ["negative_entropy", "2-norm", "3-norm"], "runs": ids, "accuracy": {"pooled": 0.75},
           "confusion": conf}, open("scores/identification.json", "w"), indent=1)
lh = "run_id,trained_potential,k,power,d,n,seed,lr,steps,final_loss,diverged,identified,delta_cdf_2-norm,magnitude_2-norm"
lr = [lh]
for k in ["0.5", "0.75"]:
    for d in [100, 1000]:
        for s in range(3):
            v = 1.2 / d ** 0.5 * (1 + 0.1 * s)
            lr.append(f"2-norm_k{k}_d{d}_s{s},2-norm,{k},2.0,{d},{int(d ** float(k))},{s},0.1,100,1e-6,false,2-norm,{v},{0.1 * (s + 1)}")
lr.append("2-norm_k0.5_d100_s9,2-norm,0.5,2.0,100,10,9,0.1,100,NaN,true,,NaN,NaN")
open("extras/lr/linreg.csv", "w").write("\n".join(lr) + "\n")
