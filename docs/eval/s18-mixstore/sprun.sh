cd /tmp/mixstore/src; export PYTHONPATH=$PWD HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_WAIT_POLICY=PASSIVE
PY=/work/main/.venv/bin/python
for st in v12-store seed-store; do
 nice $PY /tmp/mixstore/evalov.py eval --gold /tmp/mixstore/sp-items.jsonl --store /tmp/$st --out /tmp/mixstore/sp-on-$st --quiet > /tmp/mixstore/sp-on-$st.log 2>&1
 cd /tmp/mixstore/src0; PYTHONPATH=$PWD nice $PY -m ui.cli eval --gold /tmp/mixstore/sp-items.jsonl --store /tmp/$st --out /tmp/mixstore/sp-off-$st --quiet > /tmp/mixstore/sp-off-$st.log 2>&1; cd /tmp/mixstore/src
done
echo done
