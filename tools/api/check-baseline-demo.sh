#!/usr/bin/env bash
# Shows the API baseline at work on a scratch copy of HEAD: a method added to BindingStore (a
# @ProviderType interface) while net.homeagent.mip.api stays 1.0.0 fails the build with bnd's
# baseline message; with the package at 1.1.0 the same change passes; a method added to
# ApplianceEventListener (a @ConsumerType interface) fails, bnd asking for 2.0.0. Exits non-zero
# when a step does not behave so. MVN overrides the Maven command, as in update-baseline.sh.
set -euo pipefail

root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
mvn_cmd=${MVN:-mvn -B}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
git -C "$root" archive HEAD | tar -x -C "$scratch"
api=$scratch/bundles/mip-api/src/main/java/net/homeagent/mip/api
log=$scratch/build.log

build() {
    (cd "$scratch" && $mvn_cmd verify -DskipTests -pl bundles/mip-codec,bundles/mip-api) >"$log" 2>&1
}

show_baseline() {
    grep -E "maven-bundle-plugin.*baseline|Version increase|suggested|Baseline analysis|BUILD" "$log" | sed 's/\x1b\[[0-9;]*m//g' | head -20
}

echo "== 1. BindingStore gains a method, net.homeagent.mip.api still @Version(\"1.0.0\")"
# HEAD may already carry a minor bump over the baseline (1.1.0: ReplyBarrier); the demo starts from
# the baseline's version, so that the change it makes is one without a bump
sed -i 's|@Version("[0-9.]*")|@Version("1.0.0")|' "$api/package-info.java"
sed -i 's|^public interface BindingStore {|&\n\n    /** Added by the baseline demo. */\n    default int demoSize() {\n        return 0;\n    }|' \
    "$api/BindingStore.java"
if build; then
    echo "FAILED: the build passed without a version bump"
    exit 1
fi
show_baseline
grep -q "net.homeagent.mip.api" "$log" || { echo "FAILED: the build failed, but not on the API package"; tail -40 "$log"; exit 1; }

echo "== 2. the same change with @Version(\"1.1.0\")"
sed -i 's|@Version("1.0.0")|@Version("1.1.0")|' "$api/package-info.java"
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
grep -q "net.homeagent.mip.api.events: Version increase required; detected 1.0.0, suggested 2.0.0" "$log" \
    || { echo "FAILED: bnd did not ask for a major version"; tail -40 "$log"; exit 1; }
echo "baseline demo: unbumped change refused, minor bump accepted, consumer change needs a major one"
