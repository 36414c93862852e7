# Shared by the benchmark scripts: start a distribution on a free port with a temporary data
# directory, wait until /healthz is UP, stop it again.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_platform() {
  local dist=$1 profile=$2
  shift 2
  PLATFORM_PORT=$(free_port)
  PLATFORM_DATA=$(mktemp -d /tmp/cubekvm-bench.XXXXXX)
  PLATFORM_LOG=$PLATFORM_DATA/platform.log
  PLATFORM_STARTED_NANOS=$(date +%s%N)
  "$dist/bin/cubekvm" --port "$PLATFORM_PORT" --data "$PLATFORM_DATA" --profile "$profile" "$@" >"$PLATFORM_LOG" 2>&1 &
  PLATFORM_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$PLATFORM_PORT/healthz" >/dev/null 2>&1; then
      echo "platform up on port $PLATFORM_PORT (profile $profile, pid $PLATFORM_PID, log $PLATFORM_LOG)" >&2
      return 0
    fi
    kill -0 "$PLATFORM_PID" 2>/dev/null || { cat "$PLATFORM_LOG" >&2; echo "the platform exited" >&2; return 1; }
    sleep 0.1
  done
  echo "the platform did not become healthy; log: $PLATFORM_LOG" >&2
  return 1
}

stop_platform() {
  if [[ -n ${PLATFORM_PID:-} ]] && kill -0 "$PLATFORM_PID" 2>/dev/null; then
    kill -TERM "$PLATFORM_PID"
    wait "$PLATFORM_PID" 2>/dev/null || true
  fi
}
