#!/usr/bin/env bash
# Restores a backup made by tools/backup.sh into a NEW database and attachment folder:
#   tools/restore.sh <backup-folder> <new-database-name> [<files-target-folder>]
# Connection as for backup.sh (PGHOST, PGPORT, PGUSER, PGPASSWORD); PGDATABASE is only used to
# connect for CREATE DATABASE. Refuses to restore into an existing database: restoring is for a
# fresh database the app is then pointed at (Database:ConnectionString, Files:Root).
set -euo pipefail
from=${1:?usage: tools/restore.sh <backup-folder> <new-database-name> [<files-target-folder>]}
name=${2:?usage: tools/restore.sh <backup-folder> <new-database-name> [<files-target-folder>]}
files=${3:-}
pg_bin() { command -v pg_restore >/dev/null && dirname "$(command -v pg_restore)" || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
bin=$(pg_bin)
if [ "$("$bin/psql" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" = "1" ]; then
  echo "database $name exists: restore into a new database" >&2
  exit 1
fi
"$bin/psql" -v ON_ERROR_STOP=1 -qc "CREATE DATABASE \"$name\""
"$bin/pg_restore" --no-owner --no-privileges --exit-on-error --dbname="$name" "$from/citydx.dump"
if [ -n "$files" ] && [ -f "$from/files.tar.gz" ]; then
  mkdir -p "$files"
  tar -C "$files" -xzf "$from/files.tar.gz"
fi
echo "restored $(cat "$from/taken-at" 2>/dev/null || echo '?') backup into database $name${files:+ and $files}"
