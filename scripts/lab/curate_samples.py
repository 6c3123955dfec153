#!/usr/bin/env python3
"""Copy a chosen few files of a lab run into samples/lab/ (a few hundred KB in all).

usage: curate_samples.py LABDIR [SAMPLESDIR]     (default SAMPLESDIR: samples/lab)

Each scenario keeps its truth.json (its `captures` lists rewritten to the files kept) and the
files named below; pcaps only where tiny. Everything else is a `npm run lab` away.
"""
import glob
import json
import os
import shutil
import sys

ALL_TEXTS = ["front.*.txt", "back.*.txt", "any.*.txt"]
LOGS = ["haproxy.log", "haproxy.cfg", "clients.log", "backend.log", "conntrack.txt", "rules.txt"]
PCAPS = ["front.pcap", "back.pcap", "any.pcap"]
MAX_PCAP_BYTES = 50 * 1024

KEEP = {
    "proxy-single": ALL_TEXTS + LOGS + PCAPS,
    "nat-single": ALL_TEXTS + LOGS + PCAPS,
    "fullnat-single": ["front.nn.txt", "back.nn.txt", "front.vvv.txt", "back.vvv.txt", "any.nn.txt",
                       "conntrack.txt", "rules.txt"] + PCAPS,
    "ipv6": ["front.nn.txt", "back.nn.txt", "front.default.txt", "back.default.txt", "any.nn.txt",
             "haproxy.log", "conntrack.txt"] + PCAPS,
    "refused": ["front.nn.txt", "back.nn.txt", "front.default.txt", "any.nn.txt", "clients.log"] + PCAPS,
    "unanswered": ["front.nn.txt", "back.nn.txt", "front.default.txt", "any.nn.txt", "clients.log", "rules.txt"] + PCAPS,
    "keepalive": ["front.nn.txt", "back.nn.txt", "haproxy.log", "haproxy.cfg", "front.pcap", "back.pcap"],
    "healthcheck": ["front.nn.txt", "back.nn.txt", "haproxy.log", "haproxy.cfg", "backend.log", "front.pcap", "back.pcap"],
    "mix": ["front.nn.txt", "back.nn.txt", "haproxy.log", "conntrack.txt"],
    "skew": ["front.nn.txt", "back.nn.txt", "haproxy.log"],
}


def kept_files(source, patterns):
    files = sorted({os.path.basename(p) for pattern in patterns for p in glob.glob(os.path.join(source, pattern))})
    return [f for f in files if not (f.endswith(".pcap") and os.path.getsize(os.path.join(source, f)) > MAX_PCAP_BYTES)]


def trimmed_truth(truth, files):
    """The truth with each capture's file lists cut to what the sample holds."""
    for capture in truth["captures"].values():
        capture["texts"] = {flags: name for flags, name in capture["texts"].items() if name in files}
        capture["pcapIncluded"] = capture["pcap"] in files
        if capture.get("live") not in files:
            capture.pop("live", None)
    truth["sample"] = {"madeBy": "scripts/lab/curate_samples.py from a run of scripts/lab/run-lab.sh", "files": files}
    return truth


def main():
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__.strip().splitlines()[2])
    lab, samples = sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else "samples/lab"
    for scenario, patterns in KEEP.items():
        source, target = os.path.join(lab, scenario), os.path.join(samples, scenario)
        files = kept_files(source, patterns)
        shutil.rmtree(target, ignore_errors=True)
        os.makedirs(target)
        for name in files:
            shutil.copy2(os.path.join(source, name), os.path.join(target, name))
        with open(os.path.join(source, "truth.json"), encoding="utf-8") as f:
            truth = trimmed_truth(json.load(f), files)
        with open(os.path.join(target, "truth.json"), "w", encoding="utf-8") as f:
            json.dump(truth, f, indent=1)
            f.write("\n")
        print(f"{scenario}: {len(files) + 1} files")


if __name__ == "__main__":
    main()
