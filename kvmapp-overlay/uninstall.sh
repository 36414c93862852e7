#!/bin/sh
# Removes what install.sh laid on a NanoKVM Cube root and puts the stock files back, byte for byte
# (they were moved, not copied): afterwards the root is the stock firmware again.
#
#   kvmapp-overlay/uninstall.sh ROOT
#
# Also removes what CubeKVM made while it ran: its data (/data/cubekvm: users, settings, keys) and its log.
set -eu

die() { echo "uninstall: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 ROOT"
root=$(cd "$1" 2>/dev/null && pwd) || die "$1 is not a folder"
stock=$root/kvmapp/cubekvm-stock
[ -f "$stock/added.list" ] && [ -f "$stock/moved.list" ] || die "CubeKVM is not installed in $root (no $stock)"

if [ "$root" = / ] && [ -x /etc/init.d/S95cubekvm ]; then
  /etc/init.d/S95cubekvm stop || true
fi

while IFS= read -r path; do
  [ -n "$path" ] && rm -rf "${root:?}/$path"
done <"$stock/added.list"
rm -rf "$root/data/cubekvm" "$root/var/log/cubekvm.log" "$root/var/run/cubekvm-init.pid"

while IFS= read -r path; do
  [ -n "$path" ] && mv "$stock/files/$path" "$root/$path"
done <"$stock/moved.list"
rm -rf "$stock"

echo "uninstall: the stock firmware's files are back in $root"
if [ "$root" = / ] && [ -x /etc/init.d/S95nanokvm ]; then
  /etc/init.d/S95nanokvm start || true
fi
