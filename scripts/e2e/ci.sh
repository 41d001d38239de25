#!/usr/bin/env bash
# CI entry for the real-editor tests (called from .ci/run after `npm ci`): installs the pinned
# tools into .e2e/ (apt packages, Node 24, code-server, playwright-core; reused when present) and
# runs `npm run test:e2e` (Neovim, .vsix, extension host in code-server, UI in chromium), whose
# last line is the combined `N passed, N failed`. Exit status: non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
if [ ! -d node_modules ]; then npm ci --no-audit --no-fund; fi
bash scripts/e2e/setup.sh
echo "[e2e ci] setup took $(($(date +%s) - start)) s"
exec npm run --silent test:e2e
