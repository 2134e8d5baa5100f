#!/usr/bin/env bash
# Builds and starts the Litopys desktop app, installing Tauri's Debian/Ubuntu
# build prerequisites first if any are missing. Arguments go to the app.
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

exec cargo run --release -p litopys-app -- "$@"
