#!/usr/bin/env bash
# The whole test suite: makes sure PostgreSQL (and, when browser tests exist, Chromium) is there,
# then runs every module's tests with Maven. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_ready() { pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_isready >/dev/null 2>&1; then
  echo "Installing PostgreSQL (Debian packages)..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >/dev/null
fi
if ! pg_ready; then
  echo "Starting PostgreSQL..."
  for v in $(ls /etc/postgresql 2>/dev/null); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start || true
  done
  for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
fi
if ! pg_ready; then
  echo "FAIL: PostgreSQL is not running on 127.0.0.1:5432 and could not be started; its tests must not be skipped." >&2
  exit 1
fi
# Tests connect as postgres to database "test" (trust auth on this machine kind).
if ! psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d postgres -c 'CREATE DATABASE test' >/dev/null 2>&1 || true
  psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null || { echo "FAIL: cannot connect to PostgreSQL database test as postgres" >&2; exit 1; }
fi

# Browser tests run in Debian's Chromium through npm playwright-core (never a downloaded browser).
if [ -d offpay-web/src/test/browser ] && [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package)..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

exec mvn -B ${MAVEN_ARGS:-} verify "$@"
