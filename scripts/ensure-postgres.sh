#!/usr/bin/env bash
# Starts a private PostgreSQL server for tests and benchmarks (Debian's package, installed when missing)
# and prints its URL. The cluster lives in $KNS_PG_DIR (default /tmp/kns-pg) on 127.0.0.1:$KNS_PG_PORT;
# a running one is reused. Trust auth on loopback only: it holds nothing but test data.
set -euo pipefail
dir="${KNS_PG_DIR:-/tmp/kns-pg}"
port="${KNS_PG_PORT:-54329}"
url="postgres://postgres@127.0.0.1:${port}/postgres"

bindir=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
if [ -z "$bindir" ]; then
  echo "installing Debian's postgresql package" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends postgresql >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends postgresql >&2; }
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bindir="$d"; done
fi

# PostgreSQL refuses to run as root: the cluster belongs to the postgres user when we are root.
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "$url"; exit 0; fi
if [ ! -s "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  # C collation: text sorts by code point, as in SQLite (ISO timestamps and codes compare as stored).
  as_owner "'$bindir/initdb' -D '$dir' -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null"
fi
as_owner "'$bindir/pg_ctl' -D '$dir' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300\" start >/dev/null"
echo "$url"
