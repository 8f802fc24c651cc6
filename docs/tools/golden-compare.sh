#!/usr/bin/env bash
# Compares two folders written by golden-outputs.sh: JSON files as data (keys that are times of the run, and the
# temporary work folder, masked), the rest as text. Exits non-zero on any difference.
#
#   docs/tools/golden-compare.sh BEFORE AFTER
set -euo pipefail
exec python3 - "$1" "$2" <<'PY'
import json, os, re, sys, difflib
before, after = sys.argv[1], sys.argv[2]
# times of the run: when it ran and how long it took
TIME_KEYS = re.compile(r'(generated|elapsed|duration|started|finished|_at$|^at$|time_ms|wall|timestamp_run|run_time)', re.I)
def work(d):
    p = os.path.join(d, 'work-dir.txt')
    return open(p).read().strip() if os.path.exists(p) else None
def mask(text, d):
    w = work(d)
    if w: text = text.replace(w, '<work>')
    text = re.sub(r'\b\d+(\.\d+)? ?(ms|s)\b', '<t>', text)
    # Surefire XML: test times and report-entry stamps
    text = re.sub(r'time="[0-9.,]+"', 'time="<t>"', text)
    text = re.sub(r'timestamp[:=] ?"?\d{4}-\d\d-\d\dT[0-9:.]+Z?"?', 'timestamp=<t>', text)
    return text
# probe runs are stamped with the time they ran: their run id and each probe's timestamp
PROBE_TIME_KEYS = re.compile(r'^(run_id|timestamp)$')
def norm(v, probe=False):
    if isinstance(v, dict):
        return {k: ('<time>' if TIME_KEYS.search(k) or (probe and PROBE_TIME_KEYS.search(k)) else norm(x, probe))
                for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x, probe) for x in v]
    return v
bad = 0
files = []
for root, _, names in os.walk(before):
    for n in names:
        rel = os.path.relpath(os.path.join(root, n), before)
        if rel != 'work-dir.txt': files.append(rel)
for rel in sorted(files):
    a, b = os.path.join(before, rel), os.path.join(after, rel)
    if not os.path.exists(b):
        print('MISSING', rel); bad += 1; continue
    ta, tb = mask(open(a, errors='replace').read(), before), mask(open(b, errors='replace').read(), after)
    if rel.endswith('.json'):
        probe = rel.startswith('probe')
        ja, jb = norm(json.loads(ta), probe), norm(json.loads(tb), probe)
        ta, tb = json.dumps(ja, indent=1, sort_keys=True), json.dumps(jb, indent=1, sort_keys=True)
    elif rel.endswith('.jsonl'):
        probe = rel.startswith('probe')
        ta = '\n'.join(json.dumps(norm(json.loads(l), probe), sort_keys=True) for l in ta.splitlines() if l.strip())
        tb = '\n'.join(json.dumps(norm(json.loads(l), probe), sort_keys=True) for l in tb.splitlines() if l.strip())
    if ta != tb:
        bad += 1
        print('DIFFERS', rel)
        for line in list(difflib.unified_diff(ta.splitlines(), tb.splitlines(), 'before', 'after', lineterm='', n=1))[:40]:
            print('   ', line)
print(f'{len(files)} files compared, {bad} differ')
sys.exit(1 if bad else 0)
PY
