#!/bin/sh
# The device's library is what the SG2002 runs: ELF64 RISC-V, the lp64d (double-float) ABI
# that the vendor's libraries and the device's C library use, and no Java_ exports.
set -eu
library=$1
fail() { echo "check_elf: $*" >&2; exit 1; }
[ -f "$library" ] || fail "$library does not exist"
header=$(readelf -h "$library")
echo "$header" | grep -q 'Class:[[:space:]]*ELF64' || fail "not ELF64: $(echo "$header" | grep Class:)"
echo "$header" | grep -q 'Machine:[[:space:]]*RISC-V' || fail "not RISC-V: $(echo "$header" | grep Machine:)"
echo "$header" | grep -q 'Flags:.*double-float ABI' || fail "not the lp64d (double-float) ABI: $(echo "$header" | grep Flags:)"
if readelf --dyn-syms -W "$library" | awk '$7 != "UND" {print $8}' | grep -q '^Java_'; then
  fail "exports Java_ symbols"
fi
echo "check_elf: ok (ELF64 RISC-V, double-float ABI, no Java_ exports)"
