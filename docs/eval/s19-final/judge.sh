#!/usr/bin/env bash
# usage: docs/eval/s19-final/judge.sh CHECKOUT TAG seeds/gold_v13.jsonl -- the v13 judge: session 18's judge with SET=g13
SET=g13 exec "$(dirname "$0")/../s18-final/judge.sh" "$@"
