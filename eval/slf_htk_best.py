#!/usr/bin/env python3
"""Best paths of rescored SLF lattices read the way HTK and SRILM read them, against best.trn.

Independent of this program's reader: total = acscale x a + lmscale x l + wdpenalty on every
link whose word is not !NULL (HTK charges fillers and </s> too). A lattice file is self-consistent
when this best path has the words of the program's own best.trn line.

Usage: eval/slf_htk_best.py OUT/lattices OUT/best.trn
(after `bin/rescore ... --out OUT`; with the dev lattices and --wip -3, the files of 81d4577
gave 13 of 539 differing paths, these give 0)
"""
import gzip
import os
import re
import sys


def best_path(path):
    header, arcs, nodes = {}, [], 0
    with (gzip.open(path, 'rt') if path.endswith('.gz') else open(path)) as f:
        for line in f:
            if not line.strip() or line.startswith('#'):
                continue
            fields = dict(kv.split('=', 1) for kv in line.split() if '=' in kv)
            if 'J' in fields:
                arcs.append((int(fields['S']), int(fields['E']), fields['W'], float(fields['a']), float(fields['l'])))
            elif 'I' in fields:
                nodes = max(nodes, int(fields['I']) + 1)
            else:
                header.update(fields)
    lmscale = float(header.get('lmscale', 1))
    penalty = float(header.get('wdpenalty', 0))
    acscale = float(header.get('acscale', 1))
    out = {}
    for arc in arcs:
        out.setdefault(arc[0], []).append(arc)
    score = {int(header['start']): (0.0, [])}
    for v in range(nodes):  # nodes are numbered in topological order
        if v not in score:
            continue
        total, words = score[v]
        for (_, to, word, a, l) in out.get(v, []):
            t = total + acscale * a + lmscale * l + (penalty if word != '!NULL' else 0)
            if to not in score or t > score[to][0]:
                score[to] = (t, words + [word])
    words = score[int(header['end'])][1]
    kept = [w for w in words if not (w.startswith('<') or w.startswith('[') or w.startswith('++') or w == '!NULL')]
    return header['UTTERANCE'], ' '.join(kept)


def main():
    folder, trn = sys.argv[1], sys.argv[2]
    best = dict(best_path(os.path.join(folder, f)) for f in sorted(os.listdir(folder)))
    differ = 0
    with open(trn) as f:
        for line in f:
            m = re.match(r'^(.*?)\s*\((\S+)\)\s*$', line)
            words, uid = m.group(1).strip(), m.group(2)
            if best.get(uid) != words:
                differ += 1
                print(f'differs {uid}: best.trn "{words}", SLF "{best.get(uid)}"')
    print(f'{len(best)} lattices, {differ} best paths differ from best.trn')
    return 1 if differ else 0


if __name__ == '__main__':
    sys.exit(main())
