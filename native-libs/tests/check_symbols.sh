#!/bin/sh
# The library's ABI surface: JNI_OnLoad only (natives are registered from a table, so there
# are no Java_ symbols), and no link-time dependency on a codec library (they are dlopen'ed).
set -eu
library=$1
fail() { echo "check_symbols: $*" >&2; exit 1; }
[ -f "$library" ] || fail "$library does not exist"
exported=$(nm -D --defined-only "$library" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort)
echo "$exported" | grep -q '^JNI_OnLoad$' || fail "JNI_OnLoad is not exported"
if echo "$exported" | grep -q '^Java_'; then fail "exports Java_ symbols: $(echo "$exported" | grep '^Java_')"; fi
unexpected=$(echo "$exported" | grep -v -x -e JNI_OnLoad -e JNI_OnUnload || true)
[ -z "$unexpected" ] || fail "exports more than JNI_OnLoad: $unexpected"
needed=$(readelf -d "$library" | awk '/NEEDED/ {print $5}')
if echo "$needed" | grep -q -i -e turbojpeg -e openh264; then fail "links a codec library: $needed"; fi
if nm -D --undefined-only "$library" | grep -q -e ' tj' -e ' Wels'; then fail "references codec symbols at link time"; fi
readelf -d "$library" | grep -q 'BIND_NOW' || fail "not linked with -z now"
readelf -l "$library" | grep -q 'GNU_RELRO' || fail "not linked with -z relro"
echo "check_symbols: ok ($(echo "$exported" | tr '\n' ' '))"
