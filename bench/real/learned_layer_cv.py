#!/usr/bin/env python3
"""Does a learned layer help the rules? 5-fold cross-validation on the dev split of
data/eval/real_labels.jsonl with fastText (Debian's `fasttext` command-line tool).

  bench/real/learned_layer_cv.py            # character n-grams plus the rules' own features
  NO_RULES=1 bench/real/learned_layer_cv.py # character n-grams only

Each fold trains `fasttext supervised` on the other four folds (characters as tokens,
n-grams up to 3, plus the lexicon rules that fired as tokens) and predicts the fifth; the
rules alone, the model alone, rules OR model and rules AND model are scored over all folds.
The rules were written on the whole dev split, so this comparison favours them; the model
was still not kept (README, "Learned layer").
"""
import sys, json, subprocess, hashlib, os, re
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.join(HERE, '..', '..')
WORK = os.environ.get('TMPDIR', '/tmp')
import real_labels
recs=[r for r in real_labels.load() if r['split']=='dev']
inp=''.join(json.dumps({'id':r['id'],'created_at':r['created_at'],'text':r['text']},ensure_ascii=False)+'\n' for r in recs)
out=subprocess.run([os.path.join(ROOT, 'build', 'bengle'),'classify','--explain'],input=inp,capture_output=True,text=True).stdout
pred={}
for l in out.splitlines():
    d=json.loads(l); pred[d['id']]=d
def feats(r):
    d=pred[r['id']]
    t=re.sub(r'\s+','',r['text'].lower())
    chars=' '.join(t)
    f=['R_'+h['kind']+'_'+h['id'] for h in d['explain']['rules'] if h['counted']]
    f.append('RC_'+str(d['complaint']))
    return chars if os.environ.get('NO_RULES') else chars+' '+' '.join(f)
fold=lambda r:int(hashlib.md5(r['id'].encode()).hexdigest(),16)%5
probs={}
for k in range(5):
    tr=[r for r in recs if fold(r)!=k]; te=[r for r in recs if fold(r)==k]
    with open(WORK + '/ft_tr.txt','w') as o:
        for r in tr: o.write(('__label__1 ' if r['labels']['complaint'] else '__label__0 ')+feats(r)+'\n')
    with open(WORK + '/ft_te.txt','w') as o:
        for r in te: o.write(feats(r)+'\n')
    subprocess.run(['fasttext','supervised','-input',WORK + '/ft_tr.txt','-output',WORK + '/ft_m','-wordNgrams','3','-epoch','25','-lr','0.5','-dim','50','-minCount','1','-bucket','200000','-verbose','0'],check=True)
    o=subprocess.run(['fasttext','predict-prob',WORK + '/ft_m.bin',WORK + '/ft_te.txt','2'],capture_output=True,text=True,check=True).stdout.splitlines()
    for r,l in zip(te,o):
        parts=l.split(); p1=0.0
        for i in range(0,len(parts),2):
            if parts[i]=='__label__1': p1=float(parts[i+1])
        probs[r['id']]=p1
def prf(sel):
    tp=sum(1 for r in recs if sel(r) and r['labels']['complaint']); fp=sum(1 for r in recs if sel(r) and not r['labels']['complaint']); fn=sum(1 for r in recs if not sel(r) and r['labels']['complaint'])
    p=tp/(tp+fp) if tp+fp else 0; rr=tp/(tp+fn); f=2*p*rr/(p+rr) if p+rr else 0
    return f"P={p:.3f} R={rr:.3f} F1={f:.3f}"
rule=lambda r:pred[r['id']]['complaint']
print('rules            ', prf(rule))
for t in (0.5,0.7,0.9):
    print(f'model>{t}        ', prf(lambda r:probs[r['id']]>t))
    print(f'rules OR m>{t}   ', prf(lambda r:rule(r) or probs[r['id']]>t))
for t in (0.1,0.2,0.3):
    print(f'rules AND m>{t}  ', prf(lambda r:rule(r) and probs[r['id']]>t))
