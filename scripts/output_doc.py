#!/usr/bin/env python3
"""Regenerates (or, with --check, compares) the tables of OUTPUT.md that
`aiplus outputs --markdown` prints from the model's own declarations.

Usage: scripts/output_doc.py AIPLUS [--check] [OUTPUT.md]
"""
import re
import subprocess
import sys

BLOCK = re.compile(r"(<!-- aiplus outputs --markdown --model (\w+) -->\n)(.*?)(<!-- end -->)", re.S)


def generated(aiplus, model):
    return subprocess.run([aiplus, "outputs", "--markdown", "--model", model], check=True,
                          capture_output=True, text=True).stdout


def main(argv):
    args = [a for a in argv[1:] if a != "--check"]
    aiplus, path = args[0], (args[1] if len(args) > 1 else "OUTPUT.md")
    text = open(path, encoding="utf-8").read()
    models = [m.group(2) for m in BLOCK.finditer(text)]
    if not models:
        sys.exit(f"{path}: no generated blocks")
    fresh = BLOCK.sub(lambda m: m.group(1) + generated(aiplus, m.group(2)) + m.group(4), text)
    if "--check" in argv:
        if fresh != text:
            sys.exit(f"{path} differs from `aiplus outputs --markdown`; run `make output-doc`")
        return
    with open(path, "w", encoding="utf-8") as f:
        f.write(fresh)


if __name__ == "__main__":
    main(sys.argv)
