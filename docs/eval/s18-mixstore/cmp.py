import json, sys, collections
a={r['id']:r for r in json.load(open(sys.argv[1]))}
for f in sys.argv[2:]:
    b={r['id']:r for r in json.load(open(f))}
    c=collections.Counter()
    for k in a:
        x,y=a[k],b[k]
        c['found']+= y['ev_rank'] is not None
        c['top5']+= y['ev_rank'] is not None and y['ev_rank']<5
        c['lost']+= x['ev_rank'] is not None and y['ev_rank'] is None
        c['gained']+= x['ev_rank'] is None and y['ev_rank'] is not None
        c['nosrc']+= y['first_chunk'] is None
    print(f, dict(c))
