#!/usr/bin/env bash
# Refreshes the Digital Agency's design tokens served by the portal (MIT licence, kept beside them).
# Usage: tools/update-design-tokens.sh [version]
set -euo pipefail
version="${1:-1.1.9}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "@digital-go-jp/design-tokens@$version" >/dev/null && tar xzf ./*.tgz)
target="$root/src/CityDx.Web/wwwroot/lib/digital-go-jp-design-tokens"
mkdir -p "$target"
cp "$work/package/dist/tokens.css" "$work/package/LICENSE" "$target/"
echo "design tokens $version -> $target"
