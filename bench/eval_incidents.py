#!/usr/bin/env python3
"""Scores detected incidents (`bengle detect --format json`) against a gen_stream.py truth file.

    python3 bench/eval_incidents.py --truth truth.json --detected detected.json [--tolerance-min 30]

Matching. A detection matches a truth incident when the truth service is in the detection's
"services" (or is its "service" when "services" is missing) and the detection's [start, end]
overlaps the truth [start, end] widened by the tolerance on each side. Each truth incident is
matched by at most one detection: the earliest-starting one that overlaps. A detection may match
several truth incidents of different services (one joint WeChat + QQ incident). Detections that
match nothing are false positives; those overlapping an already matched incident of its service
are reported as duplicates, those overlapping a decoy window (widened by the same tolerance, and
of the decoy's service when the decoy has one) as decoys.

Reported: precision = matched detections / all detections (0 with no detections), recall =
matched truth incidents / all truth incidents (1 with none), the start error of each matched
incident (detected start - truth start, minutes) with the median and max of |error|, how many
matched incidents have the right top category (first entry of "categories" == truth
top_category; K of the N matched), and how many detections are decoys. The last line is

    SUMMARY precision=P recall=R median_start_error_min=M top_category_correct=K/N decoys_reported=D

(M is "nan" when nothing matched). Exit status 0, also for poor scores; 2 when an input cannot
be read or is not the expected JSON.
"""

import argparse
import datetime as dt
import json
import statistics
import sys

BEIJING = dt.timezone(dt.timedelta(hours=8))


class InputError(Exception):
    pass


def parse_time(value, what):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        secs = value / 1000.0 if value >= 1e11 else float(value)
        return dt.datetime.fromtimestamp(secs, tz=dt.timezone.utc)
    if not isinstance(value, str):
        raise ValueError("%s: not a time: %r" % (what, value))
    text = value.strip()
    if text.endswith("Z") or text.endswith("z"):
        text = text[:-1] + "+00:00"
    try:
        t = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
    except ValueError:
        raise ValueError("%s: not an ISO 8601 time: %r" % (what, value))
    if t.tzinfo is None:
        t = t.replace(tzinfo=BEIJING)
    return t


def load_json(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise InputError("%s: cannot read %s: %s" % (what, path, e.strerror or e))
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError("%s: %s is not valid JSON: %s" % (what, path, e))


def load_truth(path):
    data = load_json(path, "truth")
    if not isinstance(data, dict) or not isinstance(data.get("incidents"), list):
        raise InputError("truth: %s has no \"incidents\" array" % path)
    incidents, decoys = [], []
    for k, inc in enumerate(data["incidents"]):
        try:
            incidents.append(dict(
                index=k, service=str(inc["service"]), start=parse_time(inc["start"], "start"),
                end=parse_time(inc["end"], "end"), top=inc.get("top_category"),
                complaints=inc.get("complaints")))
        except (KeyError, TypeError, ValueError) as e:
            raise InputError("truth: incident %d: %s" % (k, e if isinstance(e, ValueError) else "missing %s" % e))
    for k, dec in enumerate(data.get("decoys") or []):
        try:
            decoys.append(dict(kind=str(dec.get("kind")), service=dec.get("service"),
                               start=parse_time(dec["start"], "start"), end=parse_time(dec["end"], "end")))
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            raise InputError("truth: decoy %d: %s" % (k, e))
    return incidents, decoys


def load_detected(path):
    data = load_json(path, "detected")
    if isinstance(data, dict) and isinstance(data.get("incidents"), list):
        data = data["incidents"]
    if not isinstance(data, list):
        raise InputError("detected: %s is not a JSON array of incidents" % path)
    dets, skipped = [], 0
    for k, d in enumerate(data):
        try:
            services = d.get("services")
            if not isinstance(services, list) or not services:
                services = [d["service"]]
            start = parse_time(d["start"], "start")
            end_value = d.get("end") or d.get("peak") or d["start"]
            end = parse_time(end_value, "end")
            if end < start:
                start, end = end, start
            cats = d.get("categories") or []
            top = None
            if cats:
                first = cats[0]
                top = first.get("name") if isinstance(first, dict) else str(first)
            dets.append(dict(index=k, service=d.get("service") or services[0], services=[str(s) for s in services],
                             start=start, end=end, top=top, score=d.get("score")))
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            skipped += 1
            print("eval_incidents: detected[%d] skipped: %s" % (k, e), file=sys.stderr)
    return dets, skipped


def overlaps(a_start, a_end, b_start, b_end):
    return a_start <= b_end and b_start <= a_end


def minutes(td):
    return td.total_seconds() / 60.0


def fmt_time(t):
    return t.astimezone(BEIJING).strftime("%m-%d %H:%M")


def main():
    ap = argparse.ArgumentParser(description="Score bengle detections against gen_stream truth.")
    ap.add_argument("--truth", required=True)
    ap.add_argument("--detected", required=True, help="JSON array as printed by `bengle detect --format json`")
    ap.add_argument("--tolerance-min", type=float, default=30.0,
                    help="widen truth and decoy windows by this many minutes on each side (default 30)")
    a = ap.parse_args()
    try:
        truth, decoys = load_truth(a.truth)
        dets, skipped = load_detected(a.detected)
    except InputError as e:
        print("eval_incidents: %s" % e, file=sys.stderr)
        return 2
    tol = dt.timedelta(minutes=a.tolerance_min)

    # Match: each truth incident takes the earliest overlapping detection of its service.
    matched_det = {}  # detection index -> [truth indices]
    match_of = {}  # truth index -> detection
    for inc in truth:
        lo, hi = inc["start"] - tol, inc["end"] + tol
        cands = [d for d in dets if inc["service"] in d["services"] and overlaps(d["start"], d["end"], lo, hi)]
        if cands:
            best = min(cands, key=lambda d: (d["start"], d["index"]))
            match_of[inc["index"]] = best
            matched_det.setdefault(best["index"], []).append(inc["index"])

    # Classify the unmatched detections.
    duplicates, decoy_hits, other_fp = [], [], []
    decoy_count = [0] * len(decoys)
    for d in dets:
        if d["index"] in matched_det:
            continue
        dup = [inc for inc in truth if inc["index"] in match_of and inc["service"] in d["services"]
               and overlaps(d["start"], d["end"], inc["start"] - tol, inc["end"] + tol)]
        hit = [k for k, dec in enumerate(decoys)
               if (dec["service"] is None or dec["service"] in d["services"])
               and overlaps(d["start"], d["end"], dec["start"] - tol, dec["end"] + tol)]
        if dup:
            duplicates.append((d, dup[0]))
        elif hit:
            decoy_hits.append((d, hit))
            for k in hit:
                decoy_count[k] += 1
        else:
            other_fp.append(d)

    n_det, n_truth = len(dets), len(truth)
    precision = len(matched_det) / n_det if n_det else 0.0
    recall = len(match_of) / n_truth if n_truth else 1.0
    errors = []
    top_ok = 0
    print("truth incidents (tolerance %g min):" % a.tolerance_min)
    for inc in truth:
        d = match_of.get(inc["index"])
        head = "  %-14s %s .. %s  top=%-15s" % (inc["service"], fmt_time(inc["start"]), fmt_time(inc["end"]),
                                                 inc["top"])
        if d is None:
            print(head + "  MISSED")
            continue
        err = minutes(d["start"] - inc["start"])
        errors.append(err)
        ok = d["top"] is not None and d["top"] == inc["top"]
        top_ok += ok
        print(head + "  detected %s .. %s  start_error=%+.1f min  top=%s %s" % (
            fmt_time(d["start"]), fmt_time(d["end"]), err, d["top"], "ok" if ok else "WRONG"))
    fps = duplicates + [(d, None) for d, _ in decoy_hits] + [(d, None) for d in other_fp]
    if fps:
        print("false positives:")
        for d, inc in duplicates:
            print("  %-14s %s .. %s  duplicate of the %s incident at %s" % (
                "+".join(d["services"]), fmt_time(d["start"]), fmt_time(d["end"]), inc["service"],
                fmt_time(inc["start"])))
        for d, hit in decoy_hits:
            print("  %-14s %s .. %s  decoy: %s" % ("+".join(d["services"]), fmt_time(d["start"]), fmt_time(d["end"]),
                                                 ", ".join(decoys[k]["kind"] for k in hit)))
        for d in other_fp:
            print("  %-14s %s .. %s  no incident" % ("+".join(d["services"]), fmt_time(d["start"]),
                                                    fmt_time(d["end"])))
    if decoys:
        print("decoys: " + ", ".join("%s%s %s" % (dec["kind"], "/" + dec["service"] if dec["service"] else "",
                                                   "REPORTED x%d" % decoy_count[k] if decoy_count[k] else "quiet")
                                     for k, dec in enumerate(decoys)))
    abs_err = [abs(e) for e in errors]
    median = statistics.median(abs_err) if abs_err else float("nan")
    print("detections %d (%d matched, %d duplicates, %d on decoys, %d other false positives%s)" % (
        n_det, len(matched_det), len(duplicates), len(decoy_hits), len(other_fp),
        ", %d unreadable skipped" % skipped if skipped else ""))
    print("precision %.3f  recall %.3f (%d/%d)" % (precision, recall, len(match_of), n_truth))
    if errors:
        print("start error (min): " + " ".join("%+.1f" % e for e in errors) +
              "  median |error| %.1f  max |error| %.1f" % (median, max(abs_err)))
    print("top category correct %d/%d matched" % (top_ok, len(match_of)))
    print("SUMMARY precision=%.3f recall=%.3f median_start_error_min=%s top_category_correct=%d/%d decoys_reported=%d"
          % (precision, recall, "%.1f" % median if errors else "nan", top_ok, len(match_of), len(decoy_hits)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
