#!/usr/bin/env bash
# Runs every test of CityDx against a real PostgreSQL and Debian's Chromium.
#
#   tools/test.sh [extra dotnet test arguments]
#
# On a fresh Debian machine, as root, it installs what is missing (postgresql, chromium), starts a
# throwaway PostgreSQL cluster as the postgres user on a free port, runs `dotnet test` for the whole
# solution and stops the cluster. Set CITYDX_TEST_POSTGRES to use a server of your own instead.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\n== %s\n' "$*"; }
as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  if as_root && command -v apt-get >/dev/null; then
    if [ -z "${APT_UPDATED:-}" ]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "missing: $* (install it, or run this script as root on Debian)" >&2
    return 1
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# --- PostgreSQL -------------------------------------------------------------------------------
cluster=""
stop_cluster() {
  if [ -n "$cluster" ] && [ -d "$cluster" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$cluster"
  fi
}
trap stop_cluster EXIT

run_pg() {
  if as_root; then
    local cmd
    printf -v cmd '%q ' "$@"
    su postgres -s /bin/sh -c "$cmd"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo $(( 20000 + RANDOM % 20000 ))
}

if [ -z "${CITYDX_TEST_POSTGRES:-}" ]; then
  if [ -z "$(pg_bin)" ] || [ ! -x "$(pg_bin)/initdb" ]; then
    log "installing PostgreSQL"
    apt_install postgresql
  fi
  if as_root && ! id postgres >/dev/null 2>&1; then
    useradd --system --home /var/lib/postgresql --shell /bin/sh postgres
  fi
  cluster=$(mktemp -d /tmp/citydx-pg.XXXXXX)
  chmod 755 "$cluster"
  as_root && chown postgres: "$cluster"
  port=$(free_port)
  log "starting a throwaway PostgreSQL cluster on 127.0.0.1:$port"
  run_pg "$(pg_bin)/initdb" -D "$cluster/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$(pg_bin)/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
    -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  export CITYDX_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
  psql_cmd=("$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "SELECT version()")
  echo "PostgreSQL under test: $("${psql_cmd[@]}")"
else
  echo "PostgreSQL under test: the server of CITYDX_TEST_POSTGRES"
fi

# --- Chromium for the browser tests -----------------------------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
  log "installing Chromium"
  apt_install chromium
fi
# Japanese glyphs, so screenshots and what the browser lays out are real text, not boxes.
if command -v fc-list >/dev/null 2>&1 && ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  apt_install fonts-noto-cjk || true
fi
export CITYDX_CHROMIUM="${CITYDX_CHROMIUM:-$(command -v chromium)}"
echo "Chromium under test: $("$CITYDX_CHROMIUM" --version 2>/dev/null || echo "$CITYDX_CHROMIUM")"

# --- The code's own shape ---------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "dotnet format --verify-no-changes"
if ! dotnet format CityDx.sln --verify-no-changes -v q; then
  echo "The code is not formatted as .editorconfig says: run 'dotnet format CityDx.sln' and commit the result." >&2
  exit 1
fi

# --- The tests --------------------------------------------------------------------------------
log "dotnet test"
results=$(mktemp -d /tmp/citydx-results.XXXXXX)
set +e
dotnet test CityDx.sln -c Release --logger "trx" --results-directory "$results" --blame-hang-timeout 5m "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole run, summed over the test assemblies.
python3 - "$results" <<'PY' || true
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("{*}ResultSummary/{*}Counters")
    if c is None: continue
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    skipped += int(c.get("notExecuted", 0))
print(f"\ntests: {passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit "$status"
