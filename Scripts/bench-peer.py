#!/usr/bin/env python3
"""crfview beside pydensecrf on the same cases, in one sitting: build + 10 mean-field steps.

Makes textured cases with bench-case.py --photos (scikit-image photographs) at the sizes of
docs/perf.md, then, for each case and round, alternates: `crfview bench` with 2 threads,
`crfview bench` with 1 thread pinned to core 0 (taskset), and pydensecrf (pydensecrf2, the
C++ dense CRF of Kraehenbuehl & Koltun) timed the same way. Each figure is the best of
--repeat runs inside one process, and the best over --rounds. With --process it also times
whole `infer` processes against a whole pydensecrf script (wall time and peak memory). Each
run's line ends with the share of CPU time the host stole from this machine meanwhile
(Linux guests): compare runs with little of it.

Set-up, once: pip install numpy pillow scikit-image pydensecrf2; swift build -c release
usage: bench-peer.py [--binary .build/release/crfview] [--cases 500x375:21,...] [--repeat 3]
                     [--rounds 2] [--prefix "CMD"] [--process] [--work DIR]
--prefix is prepended to every timed command (e.g. a lock that serialises CPU-heavy jobs
on a shared machine).
"""
import argparse, json, os, re, shlex, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def peer(case, repeat, out_probs=None):
    """The peer on one case, in this process: prints build/iterate like `crfview bench`."""
    import numpy as np
    from PIL import Image
    import pydensecrf.densecrf as dcrf
    img = np.ascontiguousarray(np.array(Image.open(os.path.join(case, "image.png")).convert("RGB")))
    U = np.load(os.path.join(case, "unary.npy")).astype(np.float32)
    p = json.load(open(os.path.join(case, "params.json")))
    L, H, W = U.shape
    U = np.ascontiguousarray(U.reshape(L, -1))
    best = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        d = dcrf.DenseCRF2D(W, H, L)
        d.setUnaryEnergy(U)
        d.addPairwiseGaussian(sxy=p["gaussian"]["sxy"], compat=float(p["gaussian"]["compat"]))
        b = p["bilateral"]
        d.addPairwiseBilateral(sxy=b["sxy"], srgb=b["srgb"], rgbim=img, compat=float(b["compat"]))
        t1 = time.perf_counter()
        Q = np.array(d.inference(10))
        t2 = time.perf_counter()
        r = ((t1 - t0) * 1e3, (t2 - t1) * 1e3)
        best = r if best is None or sum(r) < sum(best) else best
    print(f"pydensecrf: build={best[0]:.1f} iterate={best[1]:.1f} total={sum(best):.1f}")
    if out_probs:
        np.save(out_probs, Q.reshape(L, H, W))


def cpu_ticks():
    """(steal, all) CPU ticks of the whole machine from /proc/stat; (0, 0) where there is none.
    On a virtual machine, steal is the time the host gave this machine's CPUs to others: a
    run that had much of it is slow for reasons that are not its own."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
        return fields[7], sum(fields)
    except (OSError, ValueError, IndexError):
        return 0, 0


def timed(cmd):
    """Runs cmd; returns (stdout, wall seconds, peak resident MB of the child, steal share of
    the machine's CPU time meanwhile)."""
    steal0, all0 = cpu_ticks()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if status != 0:
        sys.exit(f"error: {' '.join(cmd)}: exit status {status}")
    steal1, all1 = cpu_ticks()
    return out, wall, usage.ru_maxrss / 1024, (steal1 - steal0) / max(1, all1 - all0)


def total(line):
    return float(re.search(r"total=([0-9.]+)", line).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/release/crfview"))
    ap.add_argument("--cases", default="500x375:21,1920x1280:2,2048x1536:21")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--prefix", default="")
    ap.add_argument("--process", action="store_true")
    ap.add_argument("--work", default="/tmp/crfview-bench")
    ap.add_argument("--peer", help=argparse.SUPPRESS)
    ap.add_argument("--out-probs", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.peer:
        return peer(a.peer, a.repeat, a.out_probs)
    prefix = shlex.split(a.prefix)
    rows = []
    for spec in a.cases.split(","):
        size, labels = spec.split(":")
        case = os.path.join(a.work, f"{size}-{labels}")
        if not os.path.exists(os.path.join(case, "unary.npy")):
            subprocess.run([sys.executable, os.path.join(HERE, "bench-case.py"), case, "--photos",
                            "--size", size, "--labels", labels], check=True, stdout=subprocess.DEVNULL)
        runs = {
            "two": prefix + [a.binary, "bench", case, "--repeat", str(a.repeat), "--threads", "2"],
            "one": prefix + ["taskset", "-c", "0", a.binary, "bench", case, "--repeat", str(a.repeat), "--threads", "1"],
            "peer": prefix + [sys.executable, os.path.abspath(__file__), "--peer", case, "--repeat", str(a.repeat)],
        }
        best = {}
        points = ""
        for _ in range(a.rounds):
            for name, cmd in runs.items():
                out, _, _, steal = timed(cmd)
                line = out.strip().splitlines()[-1]
                print(f"{spec} {name}: {line} steal={steal:.0%}", flush=True)
                best[name] = min(best.get(name, float("inf")), total(line))
                if "points=" in line:
                    points = line.split("points=")[1]
        row = {"case": spec, **best, "points": points}
        if a.process:
            proc = {
                "crfview": prefix + [a.binary, "infer", os.path.join(case, "image.png"), "--unary", os.path.join(case, "unary.npy"),
                                     "--params", os.path.join(case, "params.json"), "--out-probs", os.path.join(a.work, "q-crfview.npy")],
                "peer": prefix + [sys.executable, os.path.abspath(__file__), "--peer", case, "--repeat", "1",
                                  "--out-probs", os.path.join(a.work, "q-peer.npy")],
            }
            for _ in range(a.rounds):
                for name, cmd in proc.items():
                    _, wall, rss, steal = timed(cmd)
                    print(f"{spec} {name} process: wall={wall:.2f}s peak={rss:.0f}MB steal={steal:.0%}", flush=True)
                    w, m = row.get(f"{name}_process", (float("inf"), float("inf")))
                    row[f"{name}_process"] = (min(w, wall), min(m, rss))
        rows.append(row)

    print("\n| case (labels) | crfview, 2 threads | crfview, 1 thread on core 0 | pydensecrf | lattice points |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        p = r["peer"]
        print(f"| {r['case'].replace(':', ' (')}) | {r['two']:.0f} ms ({r['two'] / p:.2f}x) | "
              f"{r['one']:.0f} ms ({r['one'] / p:.2f}x) | {p:.0f} ms | {r['points']} |")
    for r in rows:
        if "crfview_process" in r:
            (cw, cm), (pw, pm) = r["crfview_process"], r["peer_process"]
            print(f"\nwhole process, {r['case']}: crfview infer {cw:.2f} s, {cm:.0f} MB; pydensecrf {pw:.2f} s, {pm:.0f} MB "
                  f"({cw / pw:.2f}x wall, {cm / pm:.2f}x peak memory)")


if __name__ == "__main__":
    main()
