#!/bin/sh
# Makes the build's signing keys where the build runs, once per machine (never committed):
#   <dir>/build.p12        alias cubekvm-build: signs the built-in bundles; its certificate
#   <dir>/build.pem        is what the distribution (the console bundle) trusts
#   <dir>/test-vendor.p12  alias test-vendor: signs vendor-example, the way a vendor would;
#   <dir>/test-vendor.pem  tests trust it through POST /api/platform/trust
# An existing keystore is kept, so the keys are stable on one machine. A release build
# points -Dcubekvm.keys.dir at a folder holding the vendor's release key instead.
# Usage: make-keys.sh <dir>
set -eu
dir=$1
keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool
mkdir -p "$dir"
chmod 700 "$dir"
make_key() {
    name=$1 alias=$2 dname=$3
    if [ ! -s "$dir/$name.p12" ]; then
        # Another build on this machine may be making the same key: make it aside, then move it in.
        tmp="$dir/.$name.$$.p12"
        "$keytool" -genkeypair -keystore "$tmp" -storetype PKCS12 -storepass cubekvm-build -alias "$alias" \
            -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -validity 3650 -dname "$dname" >/dev/null 2>&1
        [ -s "$dir/$name.p12" ] || mv "$tmp" "$dir/$name.p12"
        rm -f "$tmp"
        echo "signing: made $dir/$name.p12 ($dname)"
    fi
    if [ ! -s "$dir/$name.pem" ] || [ "$dir/$name.p12" -nt "$dir/$name.pem" ]; then
        "$keytool" -exportcert -rfc -keystore "$dir/$name.p12" -storepass cubekvm-build -alias "$alias" \
            -file "$dir/.$name.pem.$$" >/dev/null 2>&1
        mv "$dir/.$name.pem.$$" "$dir/$name.pem"
    fi
}
host=$(hostname 2>/dev/null || echo build)
make_key build cubekvm-build "CN=CubeKVM build key ($host), O=CubeKVM"
make_key test-vendor test-vendor "CN=CubeKVM test vendor ($host), O=Example Vendor"
