#!/usr/bin/env python3
"""Turns the CSV written by `benches/interleaved.rs` into docs/perf.svg: for each input,
one horizontal bar per system, its median time as a ratio to serde_json::to_writer into
a reused Vec (1.0, the dashed line). Shorter is faster. Plain SVG, no dependencies.

    cargo bench --all-features --bench interleaved      # writes target/interleaved.csv
    python3 scripts/chart.py [target/interleaved.csv] [docs/perf.svg]

The chart shows the bid-response inputs (small, typical, large, corpus) of the CSV; set
CHART_INPUTS (space-separated input names) to chart others.
"""

import csv
import html
import io
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHART_INPUTS = os.environ.get("CHART_INPUTS", "small typical large corpus").split()
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "interleaved.csv")
DST = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "docs", "perf.svg")

COLORS = {
    "pooled": "#d9480f",
    "write_to_vec": "#f08c00",
    "serde_to_vec": "#adb5bd",
    "serde_to_writer": "#868e96",
    "sonic": "#4dabf7",
    "simd_json_derive": "#1c7ed6",
    "memcpy": "#2b8a3e",
}




def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    notes = [l[1:].strip() for l in text.splitlines() if l.startswith("#")]
    body = "\n".join(l for l in text.splitlines() if not l.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(body)))
    if not rows:
        sys.exit(f"{path}: no rows")
    return notes, rows


def main():
    notes, rows = load(SRC)
    rows = [r for r in rows if r["input"] in CHART_INPUTS]
    if not rows:
        sys.exit(f"{SRC}: none of the inputs {CHART_INPUTS}")
    inputs = []
    for r in rows:
        if r["input"] not in [i["input"] for i in inputs]:
            inputs.append(r)
    width, left, right = 960, 300, 90
    bar_h, gap, group_gap, top = 15, 3, 30, 96
    per_group = max(sum(1 for r in rows if r["input"] == i["input"]) for i in inputs)
    height = top + len(inputs) * (per_group * (bar_h + gap) + group_gap) + 40
    xmax = max(1.25, max(float(r["ratio_serde_to_writer"]) for r in rows) * 1.08)
    plot_w = width - left - right

    def x(v):
        return left + plot_w * v / xmax

    out = []
    add = out.append
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="12">'
    )
    add(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    add(
        f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="16" font-weight="bold">'
        "Time to write an OpenRTB bid response: ratio to serde_json::to_writer = 1 "
        "(shorter is faster)</text>"
    )
    # The run's commit is for the CSV's reader; the chart describes the machine and the run.
    machine = [p for p in (notes[0] if notes else "").split("; ") if not p.startswith("commit ")]
    run = notes[1] if len(notes) > 1 else ""
    sub = [
        "; ".join(machine[:2]),
        "; ".join(machine[2:]),
        f"median of per-round ratios over interleaved rounds ({run}); whiskers: p25-p75",
    ]
    for k, line in enumerate(sub):
        add(
            f'<text x="{width / 2}" y="{40 + 13 * k}" text-anchor="middle" fill="#555" '
            f'font-size="10.5">{html.escape(line)}</text>'
        )
    # Grid.
    y_end = height - 30
    step = 0.25
    v = 0.0
    while v <= xmax + 1e-9:
        add(f'<line x1="{x(v):.1f}" y1="{top - 8}" x2="{x(v):.1f}" y2="{y_end}" stroke="#eee"/>')
        add(f'<text x="{x(v):.1f}" y="{y_end + 14}" text-anchor="middle" fill="#666">{v:.2f}x</text>')
        v += step
    add(
        f'<line x1="{x(1):.1f}" y1="{top - 8}" x2="{x(1):.1f}" y2="{y_end}" stroke="#444" '
        'stroke-dasharray="4 3"/>'
    )
    y = top
    for head in inputs:
        name = head["input"]
        docs = int(head["docs"])
        size = int(head["bytes"])
        what = f"{name}: {size:,} B" if docs == 1 else f"{name}: {docs} documents, {size:,} B"
        add(f'<text x="10" y="{y + 4}" font-weight="bold" font-size="13">{html.escape(what)}</text>')
        y += 10
        n = sum(1 for r in rows if r["input"] == name)
        for r in (r for r in rows if r["input"] == name):
            ratio = float(r["ratio_serde_to_writer"])
            p25, p75 = float(r["ratio_p25"]), float(r["ratio_p75"])
            color = COLORS.get(r["system_id"], "#999")
            bold = ' font-weight="bold"' if r["system_id"] in ("pooled", "write_to_vec") else ""
            add(
                f'<text x="{left - 8}" y="{y + bar_h - 3}" text-anchor="end"{bold}>'
                f'{html.escape(r["system"])}</text>'
            )
            add(
                f'<rect x="{left}" y="{y}" width="{max(x(ratio) - left, 1):.1f}" height="{bar_h}" '
                f'fill="{color}"/>'
            )
            mid = y + bar_h / 2
            add(
                f'<line x1="{x(p25):.1f}" y1="{mid}" x2="{x(p75):.1f}" y2="{mid}" stroke="#222" '
                'stroke-width="1"/>'
            )
            add(
                f'<text x="{x(max(ratio, p75)) + 5:.1f}" y="{y + bar_h - 3}"{bold}>{ratio:.3f}x'
                f'</text>'
            )
            y += bar_h + gap
        y += group_gap - 10
    add("</svg>")
    os.makedirs(os.path.dirname(DST), exist_ok=True)
    with open(DST, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"wrote {DST} from {SRC}")


if __name__ == "__main__":
    main()
