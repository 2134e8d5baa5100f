#!/usr/bin/env bash
# End-to-end tests of the real app: builds the UI and the app (with the UI
# inside), then drives it through tauri-driver + WebKitWebDriver under Xvfb.
# Installs what is missing on Debian 12 (webkit2gtk-driver, xvfb, xwd and
# netpbm for screenshots of the display, tauri-driver).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; exit 1; fi
}
missing=()
for p in webkit2gtk-driver xvfb xauth x11-apps netpbm; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
export PATH="$HOME/.cargo/bin:$PATH"

[ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
npm --prefix ui run build
cargo build --locked -p litopys-app --features custom-protocol
cargo build --locked -p litopys-cli  # the last test imports with it while the app is open
npm --prefix tests/e2e ci --no-audit --no-fund
LITOPYS_APP="$PWD/target/debug/litopys-app" xvfb-run -a --server-args="-screen 0 1400x900x24" \
  npm --prefix tests/e2e test
