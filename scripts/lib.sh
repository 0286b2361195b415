# Shared by scripts/demo and scripts/test: install what is missing, configure, build.
# Works on a fresh Debian 12 machine as root (or with sudo).
set -euo pipefail

BENGLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENGLE_PACKAGES=(cmake g++ make pkg-config gzip time python3 python3-jieba
  libicu-dev libre2-dev libsqlite3-dev libboost-graph-dev doctest-dev
  libsimdjson-dev libcli11-dev zlib1g-dev libbenchmark-dev libfmt-dev nlohmann-json3-dev
  libcurl4-openssl-dev)
# Hyperscan is packaged for x86-64 only; elsewhere the classifier runs on RE2.
if [ "$(dpkg --print-architecture 2>/dev/null)" = amd64 ]; then BENGLE_PACKAGES+=(libhyperscan-dev); fi

bengle_install_deps() {
  local missing=()
  for p in "${BENGLE_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing missing packages: ${missing[*]}" >&2
  local SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# bengle_build DIR [cmake options...]
bengle_build() {
  local dir="$1"; shift
  cmake -S "$BENGLE_ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
  cmake --build "$dir" -j "$(nproc)"
}
