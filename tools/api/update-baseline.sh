#!/usr/bin/env bash
# Rebuilds the API baseline, bundles/mip-codec/api-baseline.jar and bundles/mip-api/api-baseline.jar,
# from a commit (default HEAD) and records that commit in tools/api/api-baseline.txt. Run it when an
# API is released: what it writes is what later changes are measured against (docs/api-versioning.md).
# The build runs on a `git archive` of the commit, so uncommitted changes never leak into a baseline.
# MVN overrides the Maven command, e.g. MVN="mvn -B -o -Dmaven.repo.local=$HOME/m2".
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
commit=$(git -C "$root" rev-parse --verify "${1:-HEAD}^{commit}")
mvn_cmd=${MVN:-mvn -B}
modules=(mip-codec mip-api)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$root" archive "$commit" | tar -x -C "$scratch"
projects=$(printf 'bundles/%s,' "${modules[@]}")
(cd "$scratch" && $mvn_cmd -q package -DskipTests -Dbaseline.skip=true -pl "${projects%,}")

for module in "${modules[@]}"; do
    jar=$(find "$scratch/bundles/$module/target" -maxdepth 1 -name "$module-*.jar" \
        ! -name '*-tests.jar' ! -name '*-sources.jar')
    cp "$jar" "$root/bundles/$module/api-baseline.jar"
done
cat > "$root/tools/api/api-baseline.txt" <<TXT
# The commit whose mip-codec and mip-api are bundles/*/api-baseline.jar (tools/api/update-baseline.sh).
$commit
TXT
echo "API baseline now $commit: ${modules[*]}"
