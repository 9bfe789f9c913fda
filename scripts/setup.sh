#!/usr/bin/env bash
# Installs every dependency peerlearn needs on Debian 12, idempotently.
# Debian packages for the C++ build, PostgreSQL 15 for the store tests, Chromium for the
# browser tests, the peer graph libraries the benchmarks compare against (python3-igraph,
# python3-networkx, python3-graph-tool), python3-openpyxl and python3-odf (they write the tests'
# spreadsheets), and the web app's npm packages from its lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  libgtest-dev libgmock-dev libbenchmark-dev
  libsoci-dev libboost-dev libsqlite3-dev sqlite3 libpq-dev postgresql-15 postgresql-client-15
  nlohmann-json3-dev libcpp-httplib-dev libssl-dev libcli11-dev libspdlog-dev libfmt-dev
  libsodium-dev libsimdjson-dev libzip-dev libdeflate-dev zlib1g-dev libbrotli-dev libigraph-dev libxml2-dev liblemon-dev libglpk-dev
  libzstd-dev libbz2-dev liblzma-dev zstd xz-utils bzip2 libgraphviz-dev
  chromium
  curl wrk hyperfine clang-format clang-tidy zip python3 valgrind
  clang libclang-rt-14-dev
  python3-igraph python3-networkx python3-graph-tool python3-openpyxl python3-odf
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Node.js and npm: the machine's own if present (any version from 18 on), else Debian's.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
fi

# The web app: exact versions from the committed lock file.
if [[ ! -d web/node_modules || web/package-lock.json -nt web/node_modules/.package-lock.json ]]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: all dependencies present"
