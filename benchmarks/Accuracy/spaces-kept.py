#!/usr/bin/env python3
"""Word spaces kept on the English images of an accuracy run: predicted spaces / true spaces.

CER ignores whitespace, so this is how RESULTS.md measures lost word boundaries.
Usage: python3 benchmarks/Accuracy/spaces-kept.py artifacts/eval   (the --out folder of a run)
"""
import json, re, sys

folder = sys.argv[1]
results = json.load(open(f"{folder}/results.json"))
for engine in results["engines"]:
    truth_spaces = predicted_spaces = 0
    for image in engine["images"]:
        if "-en" not in image["file"]:
            continue
        truth = json.load(open(f"{folder}/truth/" + image["file"].rsplit(".", 1)[0] + ".json"))
        truth_spaces += sum(line["text"].strip().count(" ") for line in truth["lines"])
        predicted_spaces += sum(re.sub(r"\s+", " ", line["text"].strip()).count(" ") for line in image["lines"])
    print(f"{engine['engine']}: spaces kept {predicted_spaces / truth_spaces:.1%} ({predicted_spaces}/{truth_spaces})")
