#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server, installing PostgreSQL if missing.
#   scripts/with-postgres.sh pytest -x
# With DATABASE_URL already set, the command simply runs against that database.
set -euo pipefail

if [ -n "${DATABASE_URL:-}" ]; then
  exec "$@"
fi

PG_VERSION=${PG_VERSION:-15}
find_bin() {
  for dir in "/usr/lib/postgresql/$PG_VERSION/bin" /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if ! PG_BIN=$(find_bin); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing PostgreSQL $PG_VERSION with apt-get…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "postgresql-$PG_VERSION" >/dev/null || apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_bin)
  else
    echo "PostgreSQL is not installed: install it, or set DATABASE_URL to an existing server." >&2
    exit 1
  fi
fi

# A free port unless one is given, so two runs on one machine never collide.
PGPORT=${PGPORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
PGDATA=$(mktemp -d /tmp/thidua-pg.XXXXXX)
RUN_AS=()
if [ "$(id -u)" = 0 ]; then
  # The server refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$PGDATA"
  RUN_AS=(runuser -u postgres --)
fi

cleanup() { "${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$PGDATA"; }
trap cleanup EXIT

"${RUN_AS[@]}" "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Durability is not wanted for a test server; speed is. PG_SERVER_OPTIONS adds settings (a benchmark's
# "-c shared_buffers=1GB", as a production server would have).
"${RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w start \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PG_SERVER_OPTIONS:-}" >/dev/null
version=$("$PG_BIN/postgres" --version | awk '{print $3}')
echo "PostgreSQL $version on 127.0.0.1:$PGPORT"
[ "${version%%.*}" = "$PG_VERSION" ] || echo "note: PostgreSQL $PG_VERSION was asked for; $version is what this machine has."

export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/thidua"
"$@"
