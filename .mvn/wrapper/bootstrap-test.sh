#!/usr/bin/env bash
# Checks the launcher's own Maven (.mvn/wrapper/Bootstrap.java), each case in a scratch HOME and, when it changes the
# pinned URL or checksum, in a scratch copy of the launcher and .mvn/: nothing here touches ~/.m2 or the worktree.
#   .mvn/wrapper/bootstrap-test.sh
# Needs Maven Central (the real 3.9.9 download) and python3 (to make test zips with Unix permissions); the mirror
# cases are served by the JDK's jwebserver on 127.0.0.1.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
work="$(mktemp -d)"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

java_home="$(./chirpchat java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')"
dist="apache-maven-3.9.9"
central_url="https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.9/$dist-bin.zip"
failures=0
pass() { echo "PASS $*"; }
fail() { echo "FAIL $*"; failures=$((failures + 1)); }
scratch() { mktemp -d "$work/home.XXXX"; }
# leftovers of an install that did not finish: anything in dists but the installed Maven and the (empty) lock file
leftovers() { find "$1/.m2/wrapper/dists" -mindepth 1 -maxdepth 1 ! -name "$dist" ! -name ".$dist.lock" 2>/dev/null | wc -l; }

# a copy of the launcher and .mvn/ whose pinned URL and SHA-512 can be changed
project() { # url sha512 -> prints the copy's directory
    local dir; dir="$(mktemp -d "$work/project.XXXX")"
    cp chirpchat "$dir/"
    mkdir -p "$dir/.mvn/wrapper"
    cp .mvn/wrapper/Bootstrap.java "$dir/.mvn/wrapper/"
    printf 'distributionUrl=%s\ndistributionSha512Sum=%s\n' "$1" "$2" > "$dir/.mvn/wrapper/maven-wrapper.properties"
    echo "$dir"
}

# 1. a fresh HOME: the launcher downloads Maven Central's 3.9.9, runs it; the second launch downloads nothing
home="$(scratch)"
if HOME="$home" ./chirpchat mvn -v > "$work/out" 2> "$work/err" \
        && head -1 "$work/out" | grep -q "^Apache Maven 3\.9\.9 " \
        && grep -q "Maven home: $home/.m2/wrapper/dists/$dist" "$work/out" \
        && grep -q "downloading $central_url" "$work/err" \
        && [ -x "$home/.m2/wrapper/dists/$dist/bin/mvn" ] && [ "$(leftovers "$home")" -eq 0 ]; then
    pass "fresh HOME: $(head -1 "$work/out")"
else
    fail "fresh HOME"; cat "$work/out" "$work/err"
fi
if HOME="$home" ./chirpchat mvn -v > "$work/out" 2> "$work/err" && head -1 "$work/out" | grep -q "^Apache Maven 3\.9\.9 " \
        && ! grep -q downloading "$work/err"; then
    pass "second launch: no download"
else
    fail "second launch"; cat "$work/out" "$work/err"
fi

# 1b. a launch killed mid-install left a temporary directory behind: the next install deletes it
home="$(scratch)"
mkdir -p "$home/.m2/wrapper/dists/.$dist.tmp-killed/unpacked"
if HOME="$home" ./chirpchat mvn -v > "$work/out" 2> "$work/err" && head -1 "$work/out" | grep -q "^Apache Maven 3\.9\.9 " \
        && [ ! -e "$home/.m2/wrapper/dists/.$dist.tmp-killed" ] && [ "$(leftovers "$home")" -eq 0 ]; then
    pass "a killed launch's temporary directory is deleted by the next install"
else
    fail "killed launch's leftovers"; cat "$work/out" "$work/err"; ls -la "$home/.m2/wrapper/dists"
fi

# 2. four launches at once in another fresh HOME: all run 3.9.9, one installed copy, no leftovers
home="$(scratch)"
pids=()
for i in 1 2 3 4; do
    (HOME="$home" ./chirpchat mvn -v > "$work/out.$i" 2> "$work/err.$i") & pids+=($!)
done
ok=1
for i in 1 2 3 4; do
    wait "${pids[$((i - 1))]}" || ok=0
    head -1 "$work/out.$i" | grep -q "^Apache Maven 3\.9\.9 " || ok=0
done
if [ "$ok" -eq 1 ] && [ "$(leftovers "$home")" -eq 0 ] && [ -x "$home/.m2/wrapper/dists/$dist/bin/mvn" ]; then
    pass "4 concurrent launches: all 3.9.9, $(cat "$work"/err.* | grep -c downloading) download(s), $(cat "$work"/err.* | grep -c 'installed apache') install(s), no leftovers"
else
    fail "concurrent launches"; cat "$work"/out.* "$work"/err.*
fi

# 3. a wrong pinned SHA-512: exit 1, the message names the URL and both sums, nothing installed, nothing left over
home="$(scratch)"
dir="$(project "$central_url" "$(printf '0%.0s' $(seq 128))")"
set +e; HOME="$home" "$dir/chirpchat" mvn -v > "$work/out" 2> "$work/err"; rc=$?; set -e
if [ "$rc" -ne 0 ] && grep -q "SHA-512 mismatch for $central_url: expected 0\{128\}" "$work/err" \
        && [ ! -e "$home/.m2/wrapper/dists/$dist" ] && [ "$(leftovers "$home")" -eq 0 ] && [ ! -s "$work/out" ]; then
    pass "wrong SHA-512: exit $rc, $(grep -o 'SHA-512 mismatch for [^ ]*' "$work/err")"
else
    fail "wrong SHA-512 (exit $rc)"; cat "$work/out" "$work/err"; ls -la "$home/.m2/wrapper/dists" || true
fi

# 4. an unreachable repository (MVNW_REPOURL): exit 1 after 3 attempts, the message names the URL
home="$(scratch)"
set +e; HOME="$home" MVNW_REPOURL=http://127.0.0.1:9/maven2 ./chirpchat mvn -v > "$work/out" 2> "$work/err"; rc=$?; set -e
if [ "$rc" -ne 0 ] && grep -q "cannot download http://127.0.0.1:9/maven2/org/apache/maven/apache-maven/3.9.9/$dist-bin.zip: " "$work/err" \
        && [ "$(grep -c 'failed (' "$work/err")" -eq 2 ] && [ ! -e "$home/.m2/wrapper/dists/$dist" ] && [ "$(leftovers "$home")" -eq 0 ]; then
    pass "unreachable repository: exit $rc, $(grep -o 'cannot download .*' "$work/err" | cut -c1-160)"
else
    fail "unreachable repository (exit $rc)"; cat "$work/out" "$work/err"
fi

# a local "mirror" with made-up distributions (their bin/mvn says which one ran)
mirror="$work/mirror"
path="org/apache/maven/apache-maven/3.9.9/$dist-bin.zip"
mkdir -p "$mirror/good/maven2/${path%/*}" "$mirror/evil/maven2/${path%/*}" "$mirror/empty/maven2"
make_zip() { # file, extra entry name or ""
    python3 - "$@" <<'EOF'
import sys, zipfile
out, extra = sys.argv[1], sys.argv[2]
def add(z, name, text, mode):
    info = zipfile.ZipInfo(name)
    info.external_attr = (0o100000 | mode) << 16
    z.writestr(info, text)
with zipfile.ZipFile(out, "w") as z:
    add(z, "apache-maven-3.9.9/bin/mvn", '#!/bin/sh\necho "made-up maven from the mirror: $*"\n', 0o755)
    add(z, "apache-maven-3.9.9/conf/settings.xml", "<settings/>\n", 0o644)
    if extra:
        add(z, extra, "outside\n", 0o644)
EOF
}
make_zip "$mirror/good/maven2/$path" ""
make_zip "$mirror/evil/maven2/$path" "apache-maven-3.9.9/../../../escaped"
sha() { sha512sum "$1" | cut -d' ' -f1; }
: > "$work/server.out" # before the server starts: the loop below reads it at once
"$java_home/bin/jwebserver" -b 127.0.0.1 -p 0 -d "$mirror" >> "$work/server.out" 2>&1 &
server=$!
port=""
for _ in $(seq 100); do
    port="$(sed -n 's/.* port \([0-9]*\).*/\1/p' "$work/server.out")"
    [ -n "$port" ] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
[ -n "$port" ] || { cat "$work/server.out"; echo "FAIL jwebserver did not start"; exit 1; }
local_url="http://127.0.0.1:$port"

# 5. the mirror of central in ~/.m2/settings.xml (the exact mirrorOf central wins over a wildcard listed first;
#    a blocked one and one excluding central are skipped); bin/mvn keeps its executable bit
home="$(scratch)"
mkdir -p "$home/.m2"
cat > "$home/.m2/settings.xml" <<EOF
<settings>
  <mirrors>
    <mirror><id>not-central</id><mirrorOf>*,!central</mirrorOf><url>http://127.0.0.1:9/wrong1</url></mirror>
    <mirror><id>blocked</id><mirrorOf>central</mirrorOf><url>http://127.0.0.1:9/wrong2</url><blocked>true</blocked></mirror>
    <mirror><id>all</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/wrong3</url></mirror>
    <mirror><id>ours</id><mirrorOf>central</mirrorOf><url>$local_url/good/maven2/</url></mirror>
  </mirrors>
</settings>
EOF
dir="$(project "$central_url" "$(sha "$mirror/good/maven2/$path")")"
if HOME="$home" "$dir/chirpchat" mvn -v > "$work/out" 2> "$work/err" \
        && grep -q "^made-up maven from the mirror: -B -ntp -v$" "$work/out" \
        && grep -q "downloading $local_url/good/maven2/$path" "$work/err" \
        && [ "$(stat -c %a "$home/.m2/wrapper/dists/$dist/bin/mvn")" = 755 ] \
        && [ "$(stat -c %a "$home/.m2/wrapper/dists/$dist/conf/settings.xml")" = 644 ]; then
    pass "settings.xml mirror of central: $(head -1 "$work/out"), bin/mvn 755, conf/settings.xml 644"
else
    fail "settings.xml mirror"; cat "$work/out" "$work/err"
fi

# 6. MVNW_REPOURL (no settings.xml); a destination without bin/mvn (not one of ours) is replaced
home="$(scratch)"
mkdir -p "$home/.m2/wrapper/dists/$dist/lib"
if HOME="$home" MVNW_REPOURL="$local_url/good/maven2" "$dir/chirpchat" mvn -v > "$work/out" 2> "$work/err" \
        && grep -q "^made-up maven from the mirror" "$work/out" && grep -q "replaced $home/.m2/wrapper/dists/$dist" "$work/err" \
        && [ ! -e "$home/.m2/wrapper/dists/$dist/lib" ] && [ "$(leftovers "$home")" -eq 0 ]; then
    pass "MVNW_REPOURL, and a broken destination replaced"
else
    fail "MVNW_REPOURL / broken destination"; cat "$work/out" "$work/err"
fi

# 7. a zip entry that climbs out of the unpack directory (checksum pinned, so only the unpacking can refuse it)
home="$(scratch)"
dir="$(project "$central_url" "$(sha "$mirror/evil/maven2/$path")")"
set +e; HOME="$home" MVNW_REPOURL="$local_url/evil/maven2" "$dir/chirpchat" mvn -v > "$work/out" 2> "$work/err"; rc=$?; set -e
if [ "$rc" -ne 0 ] && grep -q "refusing zip entry 'apache-maven-3.9.9/../../../escaped'" "$work/err" \
        && [ -z "$(find "$work" -name escaped)" ] && [ ! -e "$home/.m2/wrapper/dists/$dist" ] && [ "$(leftovers "$home")" -eq 0 ]; then
    pass "zip slip refused: exit $rc, nothing written outside, nothing installed"
else
    fail "zip slip (exit $rc)"; cat "$work/out" "$work/err"; find "$work" -name escaped
fi

# 8. HTTP 404 from the mirror: no retry, the message names the URL and the status
home="$(scratch)"
set +e; HOME="$home" MVNW_REPOURL="$local_url/empty/maven2" "$dir/chirpchat" mvn -v > "$work/out" 2> "$work/err"; rc=$?; set -e
if [ "$rc" -ne 0 ] && grep -q "cannot download $local_url/empty/maven2/$path: HTTP status 404" "$work/err" \
        && ! grep -q retrying "$work/err" && [ "$(leftovers "$home")" -eq 0 ]; then
    pass "HTTP 404: exit $rc, no retry"
else
    fail "HTTP 404 (exit $rc)"; cat "$work/out" "$work/err"
fi

if [ "$failures" -ne 0 ]; then echo "$failures FAILED"; exit 1; fi
echo "all passed"
