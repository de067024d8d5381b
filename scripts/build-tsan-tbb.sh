#!/usr/bin/env bash
# Builds oneTBB with ThreadSanitizer instrumentation, for `make tsan`: Debian's libtbb
# is not instrumented, so TSan cannot see its synchronisation and reports races that
# are not there. This fetches the source of the very Debian package the other builds
# use (`apt-get source`, with a private deb-src list: the system's apt settings are
# left alone), builds libtbb with -fsanitize=thread and installs it under PREFIX.
#
#   scripts/build-tsan-tbb.sh PREFIX
#
# Does nothing when PREFIX already holds it. Needs the network once, and dpkg-dev.
set -euo pipefail
prefix=$(realpath -m "${1:?usage: $0 PREFIX}")
[ -f "$prefix/lib/cmake/TBB/TBBConfig.cmake" ] && exit 0

work="$prefix-source"
rm -rf "$work"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial"
cat >"$work/sources.list" <<'EOF'
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian bookworm-updates main
deb-src http://deb.debian.org/debian-security bookworm-security main
EOF
apt=(apt-get -qq -o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o Dir::State::Lists="$work/lists" -o Dir::Cache="$work/cache")
version=$(dpkg-query -W -f='${source:Version}' libtbb-dev)
echo "building oneTBB $version with ThreadSanitizer into $prefix"
"${apt[@]}" update
(cd "$work" && "${apt[@]}" source --download-only "onetbb=$version" 2>/dev/null)
dpkg-source -x "$work"/onetbb_*.dsc "$work/onetbb" >/dev/null
cmake -S "$work/onetbb" -B "$work/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_SANITIZE=thread \
  -DTBB_TEST=OFF -DTBB_STRICT=OFF -DTBBMALLOC_BUILD=OFF -DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build "$work/build" -j "$(nproc)"
cmake --install "$work/build" >/dev/null
rm -rf "$work"
