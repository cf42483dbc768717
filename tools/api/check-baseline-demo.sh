#!/usr/bin/env bash
# Shows the API baseline at work on a scratch copy of HEAD, whose baseline is made HEAD's own API
# first (so that each step measures the demo's change alone, whatever HEAD already bumped since the
# committed baseline): a method added to BindingStore (a @ProviderType interface) while
# net.homeagent.mip.api keeps its version fails the build with bnd's baseline message; with the
# package one minor version up the same change passes; a method added to ApplianceEventListener (a
# @ConsumerType interface) fails, bnd asking for the next major. Exits non-zero when a step does not
# behave so. MVN overrides the Maven command, as in update-baseline.sh.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
mvn_cmd=${MVN:-mvn -B}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$root" archive HEAD | tar -x -C "$scratch"
api=$scratch/bundles/mip-api/src/main/java/net/homeagent/mip/api
log=$scratch/build.log

# the scratch copy's baseline: HEAD's API as built (the committed jars are left alone)
(cd "$scratch" && $mvn_cmd -q package -DskipTests -Dbaseline.skip=true -pl bundles/mip-codec,bundles/mip-api)
for module in mip-codec mip-api; do
    cp "$(find "$scratch/bundles/$module/target" -maxdepth 1 -name "$module-*.jar" ! -name '*-tests.jar' \
        ! -name '*-sources.jar')" "$scratch/bundles/$module/api-baseline.jar"
done

# the @Version of a package-info.java, and the same with the minor or major number raised
version_of() { grep -o '@Version("[0-9.]*")' "$1" | grep -o '[0-9][0-9.]*'; }
next_minor() { IFS=. read -r major minor _ <<<"$1"; echo "$major.$((minor + 1)).0"; }
next_major() { IFS=. read -r major _ <<<"$1"; echo "$((major + 1)).0.0"; }
current=$(version_of "$api/package-info.java")
events=$(version_of "$api/events/package-info.java")

build() {
    (cd "$scratch" && $mvn_cmd verify -DskipTests -pl bundles/mip-codec,bundles/mip-api) >"$log" 2>&1
}

show_baseline() {
    grep -E "maven-bundle-plugin.*baseline|Version increase|suggested|Baseline analysis|BUILD" "$log" | sed 's/\x1b\[[0-9;]*m//g' | head -20
}

echo "== 1. BindingStore gains a method, net.homeagent.mip.api still @Version(\"$current\")"
sed -i 's|^public interface BindingStore {|&\n\n    /** Added by the baseline demo. */\n    default int demoSize() {\n        return 0;\n    }|' \
    "$api/BindingStore.java"
if build; then
    echo "FAILED: the build passed without a version bump"
    exit 1
fi
show_baseline
grep -q "net.homeagent.mip.api" "$log" || { echo "FAILED: the build failed, but not on the API package"; tail -40 "$log"; exit 1; }

echo "== 2. the same change with @Version(\"$(next_minor "$current")\")"
sed -i "s|@Version(\"$current\")|@Version(\"$(next_minor "$current")\")|" "$api/package-info.java"
if ! build; then
    tail -60 "$log"
    echo "FAILED: the build still fails after the bump"
    exit 1
fi
show_baseline

echo "== 3. ApplianceEventListener, implemented by the roles, gains an abstract method"
sed -i 's|^public interface ApplianceEventListener {|&\n\n    /** Added by the baseline demo. */\n    String demoName();|' \
    "$api/events/ApplianceEventListener.java"
if build; then
    echo "FAILED: a method added to a @ConsumerType interface passed"
    exit 1
fi
show_baseline
grep -q "net.homeagent.mip.api.events: Version increase required; detected $events, suggested $(next_major "$events")" "$log" \
    || { echo "FAILED: bnd did not ask for a major version"; tail -40 "$log"; exit 1; }
echo "baseline demo: unbumped change refused, minor bump accepted, consumer change needs a major one"
