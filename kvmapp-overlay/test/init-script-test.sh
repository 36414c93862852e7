#!/bin/sh
# Tests etc/init.d/S95cubekvm against a fake root: a fake bin/cubekvm (writes its PID where the JVM
# would, then waits) and a fake start-stop-daemon. Kills the "JVM" with SIGKILL and checks that the
# supervisor logs why and starts it again within 10 s; then `stop` ends both and nothing restarts.
# Exit status 0 when every check holds. Run by platform/launcher's InitScriptTest.
set -u
here=$(cd "$(dirname "$0")" && pwd)
script=$here/../etc/init.d/S95cubekvm
root=$(mktemp -d /tmp/cubekvm-init-test.XXXXXX)
fail() { echo "FAIL: $*"; echo "--- log"; cat "$root/var/log/cubekvm.log" 2>/dev/null; exit 1; }
cleanup() {
  for f in "$root/var/run/cubekvm-init.pid" "$root/data/cubekvm/cubekvm.pid"; do
    [ -f "$f" ] && kill -9 "$(cat "$f")" 2>/dev/null
  done
  rm -rf "$root"
}
trap cleanup EXIT

mkdir -p "$root/kvmapp/cubekvm/bin" "$root/fakebin"
cat >"$root/kvmapp/cubekvm/bin/cubekvm" <<'FAKE'
#!/bin/sh
# the fake launcher: records its start, writes the PID file as the JVM does, then waits like a server
data=
while [ $# -gt 0 ]; do [ "$1" = --data ] && data=$2; shift; done
echo "$$" >>"$CUBEKVM_ROOT/starts"
echo "$$" >"$data/cubekvm.pid"
exec sleep 600
FAKE
cat >"$root/fakebin/start-stop-daemon" <<'FAKE'
#!/bin/sh
# the fake start-stop-daemon: -S -b -m -p PIDFILE -x PROGRAM -- ARGS (the only use of the init script)
pidfile= program=
while [ $# -gt 0 ]; do
  case "$1" in
    -p) pidfile=$2; shift 2 ;;
    -x) program=$2; shift 2 ;;
    --) shift; break ;;
    *) shift ;;
  esac
done
"$program" "$@" </dev/null >/dev/null 2>&1 &
echo $! >"$pidfile"
FAKE
chmod +x "$root/kvmapp/cubekvm/bin/cubekvm" "$root/fakebin/start-stop-daemon"
export CUBEKVM_ROOT=$root PATH=$root/fakebin:$PATH

starts() { [ -f "$root/starts" ] && wc -l <"$root/starts" | tr -d ' ' || echo 0; }
# waits up to $2 tenths of a second for `starts` to reach $1
wait_starts() {
  i=0
  while [ "$(starts)" -lt "$1" ]; do
    [ $i -ge "$2" ] && return 1
    sleep 0.1
    i=$((i + 1))
  done
}

sh "$script" start >/dev/null || fail "start failed"
wait_starts 1 300 || fail "the JVM was not started"
first=$(head -n 1 "$root/starts")
kill -9 "$first"
wait_starts 2 100 || fail "the killed JVM was not started again within 10 s"
grep -q "the JVM killed by signal 9 (KILL)" "$root/var/log/cubekvm.log" || fail "the reason was not logged"
second=$(sed -n 2p "$root/starts")
kill -0 "$second" 2>/dev/null || fail "the restarted JVM is not running"

# an exit with a status is logged too, and restarted after the back-off (2 s now)
kill -TERM "$second"
wait_starts 3 100 || fail "the JVM that ended with SIGTERM was not started again within 10 s"
grep -q "the JVM killed by signal 15 (TERM)" "$root/var/log/cubekvm.log" || fail "the second reason was not logged"

supervisor=$(cat "$root/var/run/cubekvm-init.pid")
third=$(sed -n 3p "$root/starts")
sh "$script" stop >/dev/null
kill -0 "$third" 2>/dev/null && fail "stop left the JVM running"
kill -0 "$supervisor" 2>/dev/null && fail "stop left the supervisor running"
[ "$(starts)" -eq 3 ] || fail "something started after stop"
grep -q "(stopping)" "$root/var/log/cubekvm.log" || fail "the stop was not logged"
echo "init script: restarted after SIGKILL and SIGTERM, reasons logged, stop ends both"
