#!/usr/bin/env bash
# Install (from Debian's packages) and start PostgreSQL and Redis on 127.0.0.1 for the
# production-like test run and the benchmarks. Needs root (CI and the dev machines are).
# Prints the environment variables that point the site at them.
set -euo pipefail
# Only the two variables go to standard output (callers eval it); everything the tools
# print goes to standard error. The servers are started with descriptor 3 closed: a daemon
# that inherited it would hold the caller's "$(...)" open for as long as it runs.
exec 3>&1 1>&2

DB_NAME=stara_zagora
DB_USER=stara_zagora
DB_PASSWORD=stara_zagora
PG_PORT=${PG_PORT:-5432}
REDIS_PORT=${REDIS_PORT:-6379}

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null 3>&-
fi

# PostgreSQL: Debian's default cluster, listening on loopback only.
version=$(ls /etc/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
conf=/etc/postgresql/$version/main/postgresql.conf
sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/; s/^#\?port = .*/port = $PG_PORT/" "$conf"
pg_ctlcluster "$version" main start 2>/dev/null 3>&- || pg_ctlcluster "$version" main status >/dev/null
for _ in $(seq 1 30); do
  su postgres -c "psql -p $PG_PORT -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $PG_PORT -qtAc \"select 1 from pg_roles where rolname='$DB_USER'\"" | grep -q 1 ||
  su postgres -c "psql -p $PG_PORT -qc \"create role $DB_USER login password '$DB_PASSWORD' createdb\""
su postgres -c "psql -p $PG_PORT -qtAc \"select 1 from pg_database where datname='$DB_NAME'\"" | grep -q 1 ||
  su postgres -c "createdb -p $PG_PORT -O $DB_USER $DB_NAME"

# Redis: no persistence, loopback only.
if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --daemonize yes >/dev/null 3>&-
  for _ in $(seq 1 30); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.2; done
fi

echo "DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME" >&3
echo "REDIS_URL=redis://127.0.0.1:$REDIS_PORT/1" >&3
