#!/bin/bash
# install.sh and uninstall.sh against a fake NanoKVM root: the installed tree is the reference listing
# (tests/installed-tree.txt), a second install changes nothing, and uninstall puts every stock file back
# byte for byte (content, mode, modification time) and removes everything CubeKVM added or made.
#   kvmapp-overlay/tests/test_install.sh [DIST]   DIST: also install a real distribution and compare it
#   GENERATE=1 rewrites installed-tree.txt from this run (review the diff before committing it)
set -euo pipefail
umask 022
here=$(cd "$(dirname "$0")" && pwd)
overlay=$(cd "$here/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cubekvm-install-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "test_install: $*" >&2; exit 1; }

# A stock root: what install touches, and what it must leave alone.
root=$work/root
mkdir -p "$root/etc/init.d" "$root/kvmapp/server/web" "$root/kvmapp/kvm_system" "$root/data" "$root/var/log" \
  "$root/mnt/system/lib"
printf '#!/bin/sh\n# nanokvm Rev3.1 (stock)\n' >"$root/etc/init.d/S95nanokvm"
printf '#!/bin/sh\n# eth\n' >"$root/etc/init.d/S30eth"
chmod 755 "$root/etc/init.d/S95nanokvm" "$root/etc/init.d/S30eth"
printf 'ELF stock server \001\002\003' >"$root/kvmapp/server/NanoKVM-Server"
chmod 755 "$root/kvmapp/server/NanoKVM-Server"
printf '<html>stock</html>' >"$root/kvmapp/server/web/index.html"
printf 'ELF kvm_system' >"$root/kvmapp/kvm_system/kvm_system"
printf 'ELF libvenc' >"$root/mnt/system/lib/libvenc.so"
printf 'stock data' >"$root/data/stock.conf"
chmod 600 "$root/data/stock.conf"
find "$root" -type f -exec touch -d '2024-01-02 03:04:05' {} +

# A small distribution with the files install relies on.
dist=$work/dist
mkdir -p "$dist/bin" "$dist/conf" "$dist/lib" "$dist/bundles/2-cubekvm"
printf '#!/bin/sh\nexit 1\n' >"$dist/bin/cubekvm"
chmod 755 "$dist/bin/cubekvm"
printf -- '-Xmx18m\n#appcds device.jsa\n' >"$dist/conf/jvm-device.options"
printf 'launcher' >"$dist/lib/cubekvm-launcher.jar"
printf 'native' >"$dist/bundles/2-cubekvm/org.cubekvm.native.jar"

snapshot() {
  (cd "$root" && find . -type f -print0 | sort -z | while IFS= read -r -d '' f; do
    printf '%s %s %s\n' "$(stat -c '%a %Y %s' "$f")" "$(sha256sum <"$f" | cut -d' ' -f1)" "$f"
  done; find . \( -type d -o -type l \) -printf '%y %m %p\n' | sort)
}
listing() { (cd "$root" && find . -mindepth 1 -printf '%y %m %P\n' | LC_ALL=C sort -k3); }

before=$(snapshot)
CUBEKVM_DIST=$dist sh "$overlay/install.sh" "$root" >"$work/install.log" 2>&1 || { cat "$work/install.log"; fail "install failed"; }
[ -n "${GENERATE:-}" ] && listing >"$here/installed-tree.txt"
diff -u "$here/installed-tree.txt" <(listing) || fail "the installed tree differs from tests/installed-tree.txt"
diff -r "$dist" "$root/kvmapp/cubekvm" >/dev/null || fail "/kvmapp/cubekvm is not the distribution"
for script in S94cubekvm-cds S95cubekvm; do
  cmp -s "$overlay/etc/init.d/$script" "$root/etc/init.d/$script" || fail "/etc/init.d/$script is not the overlay's"
done
cmp -s <(printf '#!/bin/sh\n# nanokvm Rev3.1 (stock)\n') "$root/kvmapp/cubekvm-stock/files/etc/init.d/S95nanokvm" \
  || fail "the stock init script is not kept"
grep -q 'first boot' "$work/install.log" || fail "install does not say when the AppCDS archive is made"

# What CubeKVM makes while it runs, then a second install (an upgrade): the backup is kept as it was.
mkdir -p "$root/data/cubekvm"
printf 'users' >"$root/data/cubekvm/users.json"
printf 'log' >"$root/var/log/cubekvm.log"
CUBEKVM_DIST=$dist sh "$overlay/install.sh" "$root" >/dev/null 2>&1 || fail "a second install failed"
cmp -s <(printf '#!/bin/sh\n# nanokvm Rev3.1 (stock)\n') "$root/kvmapp/cubekvm-stock/files/etc/init.d/S95nanokvm" \
  || fail "a second install lost the stock init script"

sh "$overlay/uninstall.sh" "$root" >/dev/null 2>&1 || fail "uninstall failed"
after=$(snapshot)
diff -u <(echo "$before") <(echo "$after") || fail "uninstall did not restore the stock root exactly"
if sh "$overlay/uninstall.sh" "$root" 2>"$work/again.log"; then fail "a second uninstall succeeded"; fi
grep -q 'not installed' "$work/again.log" || fail "a second uninstall does not say why it refuses"
if CUBEKVM_DIST=$dist sh "$overlay/install.sh" "$work/dist" 2>"$work/wrong.log"; then fail "installed into a non-NanoKVM root"; fi
grep -q 'does not look like a NanoKVM root' "$work/wrong.log" || fail "a wrong root is not named"

# The real distribution, when given: laid unchanged, and gone again after uninstall.
if [ $# -ge 1 ]; then
  CUBEKVM_DIST=$1 sh "$overlay/install.sh" "$root" >/dev/null 2>&1 || fail "install of $1 failed"
  # The build's AppCDS archive (cds/) is the build machine's; install leaves it out.
  diff -r -x cds "$1" "$root/kvmapp/cubekvm" >/dev/null || fail "/kvmapp/cubekvm is not $1"
  [ ! -e "$root/kvmapp/cubekvm/cds" ] || fail "the build's AppCDS archive was installed"
  [ -f "$root/kvmapp/cubekvm/conf/jvm-device.options" ] || fail "no JVM options in $1"
  sh "$overlay/uninstall.sh" "$root" >/dev/null 2>&1 || fail "uninstall after $1 failed"
  [ "$(snapshot)" = "$before" ] || fail "uninstall after $1 did not restore the stock root"
fi
echo "test_install: ok"
