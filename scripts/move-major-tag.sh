#!/usr/bin/env bash
# Point the major tag of a release at it: `move-major-tag.sh v1.4.2` makes
# v1 name the same commit as v1.4.2 and pushes v1 to origin. Run by
# .github/workflows/release.yml; tested by __tests__/workflows.test.ts
# against a local repository.
set -euo pipefail
tag=${1:-}
if ! [[ $tag =~ ^v([0-9]+)\.[0-9]+\.[0-9]+$ ]]; then
  echo "Expected a release tag like v1.2.3, got '$tag'." >&2
  exit 1
fi
major="v${BASH_REMATCH[1]}"
commit=$(git rev-parse --verify "refs/tags/$tag^{commit}")
git tag --force "$major" "$commit"
git push --force origin "refs/tags/$major"
echo "$major now points at $tag ($commit)."
