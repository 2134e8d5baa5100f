#!/usr/bin/env bash
# Builds and starts the Litopys desktop app, installing Tauri's Debian/Ubuntu
# build prerequisites first if any are missing, then the UI's npm packages.
# Arguments go to the app.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PACKAGES=(
  libwebkit2gtk-4.1-dev
  build-essential
  libxdo-dev
  libssl-dev
  libayatana-appindicator3-dev
  librsvg2-dev
  pkg-config
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  # dpkg -s also lists removed-but-configured packages, so check the status line.
  if ! dpkg -s "$pkg" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} > 0)); then
  if ! command -v apt-get >/dev/null; then
    echo "run-app: missing ${missing[*]} and no apt-get; install them with your package manager." >&2
    exit 1
  fi
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      echo "run-app: missing ${missing[*]}; run as root or install sudo." >&2
      exit 1
    fi
  fi
  echo "run-app: installing ${missing[*]}" >&2
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y "${missing[@]}"
fi

# The web UI (ui/, Svelte + Vite) is built into ui/dist and embedded in the binary.
if ! command -v npm >/dev/null; then
  echo "run-app: npm is missing; install Node.js 20.19+ (e.g. apt-get install nodejs npm)." >&2
  exit 1
fi
if [[ ! -d ui/node_modules ]]; then
  echo "run-app: installing the UI's npm packages" >&2
  (cd ui && npm ci --no-audit --no-fund)
fi
(cd ui && npm run build)

# The app opens the sample library (demo.litopys beside your own library,
# which starts empty); LITOPYS_DEMO=0 opens your own.
export LITOPYS_DEMO="${LITOPYS_DEMO:-1}"

# custom-protocol serves ui/dist from inside the binary; without it the app
# would load the Vite dev server (build.devUrl in tauri.conf.json). The `quick`
# profile (Cargo.toml) builds in a fraction of a release build's time; set
# LITOPYS_PROFILE=release for the fully optimized app.
profile="${LITOPYS_PROFILE:-quick}"
if [[ ! -x "target/$profile/litopys-app" ]]; then
  echo "run-app: building the app (profile $profile); the first build takes several minutes," \
    "later ones seconds. Cargo shows its progress below." >&2
fi
exec cargo run --profile "$profile" -p litopys-app --features custom-protocol -- "$@"
