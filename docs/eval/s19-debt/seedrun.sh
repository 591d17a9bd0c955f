#!/bin/bash
# usage: seedrun.sh CHECKOUT TAG  -> /tmp/debt/TAG-seed.txt
nice -n 5 /work/notes/sumsets.sh $1 /tmp/seed-store $2 gold gold_v3 gold_v4 gold_v5 gold_v6 gold_v7 gold_v8 gold_v9 gold_v10 gold_v11 > /tmp/debt/$2-seed.txt 2>&1
echo DONE >> /tmp/debt/$2-seed.txt
