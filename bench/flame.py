#!/usr/bin/env python3
"""flame.py - a flame graph (SVG) from `perf script` output, for the
benchmarks' profiles (bench/service.sh with BENCH_FLAME=1).

    perf script -i perf.data | bench/flame.py --title T --folded OUT.folded > OUT.svg

Each sample's call stack (perf script prints it innermost frame first) is
folded into one line "outer;...;inner COUNT"; the SVG draws every frame as
a box as wide as its share of the samples, callers below callees, with the
function's name and share in its tooltip. Frames perf could not name
(addresses without symbols, "[unknown]") keep their library's name. Only
the Python standard library is used (Debian's python3)."""
import argparse
import collections
import html
import re
import sys

FRAME = re.compile(r"^\s+[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$")


def frames_of(sample):
    """The frames of one sample, outermost first."""
    out = []
    for line in sample:
        m = FRAME.match(line)
        if not m:
            continue
        name, dso = m.group(1), m.group(2)
        name = re.sub(r"\+0x[0-9a-f]+$", "", name)
        if name in ("[unknown]", "") or name.startswith("0x"):
            name = "[" + dso.rsplit("/", 1)[-1] + "]"
        name = name.replace(";", ",")
        out.append(name)
    out.reverse()
    return out


def fold(lines):
    counts = collections.Counter()
    sample = []
    for line in lines:
        if line.strip() == "":
            if sample:
                stack = frames_of(sample[1:])
                if stack:
                    counts[";".join(stack)] += 1
            sample = []
        else:
            sample.append(line.rstrip("\n"))
    if sample:
        stack = frames_of(sample[1:])
        if stack:
            counts[";".join(stack)] += 1
    return counts


def tree_of(counts):
    root = {"n": 0, "kids": {}}
    for stack, n in counts.items():
        root["n"] += n
        node = root
        for name in stack.split(";"):
            node = node["kids"].setdefault(name, {"n": 0, "kids": {}})
            node["n"] += n
    return root


def colour(name):
    h = 0
    for ch in name:
        h = (h * 31 + ord(ch)) & 0xFFFFFF
    if name.startswith("["):
        return "rgb(%d,%d,%d)" % (160 + h % 60, 160 + h % 60, 170 + h % 60)
    return "rgb(%d,%d,%d)" % (220 + h % 35, 90 + (h >> 8) % 120, 40 + (h >> 16) % 50)


def svg(root, title, width=1200, row=16):
    boxes = []
    depth_max = 0

    def walk(node, name, x, depth):
        nonlocal depth_max
        w = width * node["n"] / root["n"]
        if w < 0.3:
            return
        depth_max = max(depth_max, depth)
        if name is not None:
            boxes.append((x, depth, w, name, node["n"]))
        cx = x
        for kid_name, kid in sorted(node["kids"].items(), key=lambda kv: -kv[1]["n"]):
            walk(kid, kid_name, cx, depth + 1)
            cx += width * kid["n"] / root["n"]

    walk(root, None, 0.0, 0)
    top = 40
    height = top + (depth_max + 1) * row + 10
    out = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" font-size="11">'
        % (width, height),
        '<rect width="100%%" height="100%%" fill="#fdfdf6"/>',
        '<text x="%d" y="20" text-anchor="middle" font-size="15">%s</text>' % (width // 2, html.escape(title)),
        '<text x="%d" y="34" text-anchor="middle" font-size="11">%d samples; width = share of CPU time, '
        "callers below callees; hover for names</text>" % (width // 2, root["n"]),
    ]
    for x, depth, w, name, n in boxes:
        y = height - 10 - depth * row
        share = 100.0 * n / root["n"]
        label = "%s (%.1f%%, %d samples)" % (name, share, n)
        out.append(
            '<g><title>%s</title><rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="#fdfdf6"/>'
            % (html.escape(label), x, y, w, row - 1, colour(name))
        )
        chars = int(w / 7)
        if chars >= 3:
            text = name if len(name) <= chars else name[: chars - 2] + ".."
            out.append('<text x="%.1f" y="%d">%s</text>' % (x + 2, y + row - 4, html.escape(text)))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--title", default="flame graph")
    ap.add_argument("--folded", help="also write the folded stacks here")
    args = ap.parse_args()
    counts = fold(sys.stdin)
    if not counts:
        sys.exit("flame.py: no samples with call stacks in the input")
    if args.folded:
        with open(args.folded, "w") as f:
            for stack, n in counts.most_common():
                f.write("%s %d\n" % (stack, n))
    sys.stdout.write(svg(tree_of(counts), args.title))


if __name__ == "__main__":
    main()
