#!/usr/bin/env bash
# End-to-end test of the lab (npm run test:lab, after npm run build): runs every scenario fresh
# into a temporary directory, then checks it with tshark and hs-report
# (dist/scripts/lab/check-lab.js). Needs root and network namespaces: without them it fails
# with the reason, it never passes by skipping. Keeps the run's directory when a check fails.
set -euo pipefail

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$LAB_DIR/../.." && pwd)
# shellcheck source=/dev/null
for lib in common prereqs; do source "$LAB_DIR/lib/$lib.sh"; done

check_prereqs tshark node
[[ -f "$ROOT/dist/scripts/lab/check-lab.js" ]] || die "dist/scripts/lab/check-lab.js missing: run npm run build first"

OUT=$(mktemp -d "${TMPDIR:-/tmp}/hs-lab-test.XXXXXX")
started=$SECONDS
set +e
bash "$LAB_DIR/run-lab.sh" "$OUT" "$@"
lab_status=$?
set -e
((lab_status == 0)) || die "the lab failed (exit $lab_status); its output so far is in $OUT"
say "lab ran in $((SECONDS - started)) s; checking"

if node "$ROOT/dist/scripts/lab/check-lab.js" "$OUT"; then
  rm -rf "$OUT"
  say "test-lab passed in $((SECONDS - started)) s"
else
  say "test-lab FAILED; the captures are kept in $OUT (node dist/scripts/lab/check-lab.js $OUT --verbose)"
  exit 1
fi
