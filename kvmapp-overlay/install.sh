#!/bin/sh
# Lays CubeKVM on a NanoKVM Cube root file system: the distribution at /kvmapp/cubekvm, the overlay's
# init scripts in /etc/init.d, and keeps every stock file it replaces or disables in
# /kvmapp/cubekvm-stock, so that uninstall.sh restores the stock firmware exactly.
#
#   kvmapp-overlay/install.sh ROOT      ROOT: / on the device, or a mounted root file system on a PC
#
# Environment:
#   CUBEKVM_DIST  the distribution (default: platform/distribution/target/cubekvm of this repository)
#   CUBEKVM_JRE   a Java runtime for the device (riscv64; see docs/device.md), copied to /kvmapp/cubekvm/jre
#
# The stock server's init script (/etc/init.d/S95nanokvm) is moved into the backup: it would start after
# S95cubekvm at boot and take port 80 back. The JVM options are the distribution's conf/jvm-device.options.
# The AppCDS archive is made at install when ROOT is / (the device's own JVM runs here), otherwise once at
# the first boot by /etc/init.d/S94cubekvm-cds, before CubeKVM's first start.
set -eu

die() { echo "install: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 ROOT"
root=$(cd "$1" 2>/dev/null && pwd) || die "$1 is not a folder"
here=$(cd "$(dirname "$0")" && pwd)
dist=${CUBEKVM_DIST:-$here/../platform/distribution/target/cubekvm}
[ -x "$dist/bin/cubekvm" ] && [ -f "$dist/conf/jvm-device.options" ] \
  || die "no distribution at $dist (build it: ./cubekvm build, or set CUBEKVM_DIST)"
dist=$(cd "$dist" && pwd)
[ -d "$root/kvmapp" ] && [ -d "$root/etc/init.d" ] \
  || die "$root does not look like a NanoKVM root (no /kvmapp or /etc/init.d)"
if [ -n "${CUBEKVM_JRE:-}" ]; then
  [ -x "$CUBEKVM_JRE/bin/java" ] || die "CUBEKVM_JRE=$CUBEKVM_JRE has no bin/java"
fi

home=$root/kvmapp/cubekvm
stock=$root/kvmapp/cubekvm-stock
# What install adds (removed by uninstall) and which stock files it moves away (put back by uninstall),
# relative to ROOT. The overlay's files are every file under kvmapp-overlay/etc.
overlay_files=$(cd "$here" && find etc -type f | sort)
disabled="etc/init.d/S95nanokvm"

if [ -d "$stock" ]; then
  echo "install: CubeKVM is installed in $root already; replacing it (the stock files stay in $stock)"
  rm -rf "$home"
else
  mkdir "$stock"
  : >"$stock/moved.list"
  for path in $disabled $overlay_files; do
    if [ -e "$root/$path" ] || [ -L "$root/$path" ]; then
      mkdir -p "$stock/files/$(dirname "$path")"
      mv "$root/$path" "$stock/files/$path"
      echo "$path" >>"$stock/moved.list"
    fi
  done
  {
    echo "kvmapp/cubekvm"
    for path in $overlay_files; do echo "$path"; done
  } >"$stock/added.list"
fi

mkdir "$home"
cp -R -p "$dist/." "$home/"
# The build's AppCDS archive (cds/) belongs to the build machine's JDK: never 30 MB of it on the device.
rm -rf "$home/cds"
if [ -n "${CUBEKVM_JRE:-}" ]; then
  cp -R -p "$CUBEKVM_JRE" "$home/jre"
fi
for path in $overlay_files; do
  mkdir -p "$root/$(dirname "$path")"
  cp "$here/$path" "$root/$path"
  chmod 755 "$root/$path"
done

if [ "$root" = / ] && "$home/bin/cubekvm" --train-cds --jvm device; then
  echo "install: AppCDS archive made"
else
  echo "install: the AppCDS archive is made at the first boot (/etc/init.d/S94cubekvm-cds)"
fi
echo "install: CubeKVM is in $home; the stock files it replaced are in $stock (kvmapp-overlay/uninstall.sh restores them)"
