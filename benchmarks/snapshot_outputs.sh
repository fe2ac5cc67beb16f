#!/usr/bin/env bash
# Every query command's output on the seed (text and --json) into OUTDIR, to compare two versions byte for byte:
#   benchmarks/snapshot_outputs.sh /tmp/a  (on one version)   benchmarks/snapshot_outputs.sh /tmp/b  (on the other)
#   diff -r /tmp/a /tmp/b
# NEWSBOT=path/to/newsbot picks the command (default: this checkout's .venv).
set -u
out=$1; mkdir -p "$out"; db=$(mktemp -d)/seed.db
nb=${NEWSBOT:-"$(cd "$(dirname "$0")/.." && pwd)/.venv/bin/newsbot"}
cd "$(dirname "$0")/.."
qs=("消防演练中有几人受伤被困？" "李芸是哪个局的局长？" "安全生产月启动仪式是哪天举行的？" "火星上有没有外星人" "康巴什" "的")
i=0
for q in "${qs[@]}"; do
  $nb --db $db ask "$q" > $out/ask$i.txt 2>&1; echo "rc=$?" >> $out/ask$i.txt
  $nb --db $db ask "$q" --json > $out/ask$i.json 2>&1
  $nb --db $db search "$q" --json -k 7 > $out/search$i.json 2>&1
  $nb --db $db search $q > $out/search$i.txt 2>&1
  i=$((i+1))
done
printf '%s\n' "${qs[@]}" | $nb --db $db ask --json > $out/ask_stdin.json 2>&1
printf '%s\n' "${qs[@]}" | $nb --db $db ask > $out/ask_stdin.txt 2>&1
for n in 1 5 20; do $nb --db $db latest -n $n --json > $out/latest$n.json; $nb --db $db latest -n $n > $out/latest$n.txt; done
$nb --db $db articles --json > $out/articles.json; $nb --db $db articles > $out/articles.txt
$nb --db $db ingest seeds --json | sed 's/"seconds": [0-9.]*/"seconds": X/' > $out/ingest.json
printf '/search 消防\n/latest 3\n/article 2\n/help\n/article 99\n/foo\n李芸是哪个局的局长？\n' | $nb --db $db chat > $out/chat.txt 2>&1
$nb --db $db search > $out/usage.txt 2>&1; echo "rc=$?" >> $out/usage.txt
$nb --db $db ingest /nonexistent > $out/err.txt 2>&1; echo "rc=$?" >> $out/err.txt
