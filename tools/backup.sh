#!/usr/bin/env bash
# Backs up the CityDx case store and its attachments into one folder:
#   tools/backup.sh <output-folder>
# The database is named by the standard libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE); the attachment store by CITYDX_FILES (the Files:Root folder). The dump is pg_dump's
# custom format (compressed, restorable table by table); the files are a tar of the store. Take the
# dump first: a file referred to by a row is older than the row, so files taken after the dump cover it.
set -euo pipefail
out=${1:?usage: tools/backup.sh <output-folder>}
pg_bin() { command -v pg_dump >/dev/null && dirname "$(command -v pg_dump)" || ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }
bin=$(pg_bin)
mkdir -p "$out"
"$bin/pg_dump" --format=custom --no-owner --no-privileges --file="$out/citydx.dump"
if [ -n "${CITYDX_FILES:-}" ] && [ -d "$CITYDX_FILES" ]; then
  tar -C "$CITYDX_FILES" -czf "$out/files.tar.gz" .
fi
date -u +%Y-%m-%dT%H:%M:%SZ > "$out/taken-at"
echo "backup written to $out"
