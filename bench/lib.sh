# Shared by the benchmark scripts: start a distribution on a free port with a temporary data
# directory, wait until /healthz is UP, stop it again. PLATFORM_HOST: the address to reach it on
# (default 127.0.0.1; set it when the platform is started with --bind ADDR).
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
  # PLATFORM_CPUS (optional): pin the platform to these CPUs (taskset -c), e.g. "1" for the device's one core.
  ${PLATFORM_CPUS:+taskset -c "$PLATFORM_CPUS"} "$dist/bin/cubekvm" --port "$PLATFORM_PORT" --data "$PLATFORM_DATA" --profile "$profile" "$@" >"$PLATFORM_LOG" 2>&1 &
  PLATFORM_PID=$!
  for _ in $(seq 1 300); do
    if curl -sf "http://${PLATFORM_HOST:-127.0.0.1}:$PLATFORM_PORT/healthz" >/dev/null 2>&1; then
      echo "platform up on port $PLATFORM_PORT (profile $profile, pid $PLATFORM_PID, log $PLATFORM_LOG)" >&2
      platform_login
      return
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

# Every /api path needs credentials (docs/security.md). Creates the first admin with the data
# directory's one-time setup code, logs in, and exports:
#   CUBEKVM_TOKEN        an API token (send "Authorization: Bearer $CUBEKVM_TOKEN"; read by platform/bench)
#   PLATFORM_COOKIE_JAR  a curl cookie jar with the admin's session (curl -b "$PLATFORM_COOKIE_JAR")
#   PLATFORM_USER / PLATFORM_PASSWORD
platform_login() {
  local base="http://${PLATFORM_HOST:-127.0.0.1}:$PLATFORM_PORT" code_file="$PLATFORM_DATA/setup-code"
  PLATFORM_USER=bench PLATFORM_PASSWORD=bench-password-0123
  PLATFORM_COOKIE_JAR=$PLATFORM_DATA/bench-cookies
  # /healthz is UP before Jersey has finished loading the REST resources: wait for the auth API.
  local tries
  for tries in $(seq 1 100); do
    curl -sf -o /dev/null "$base/api/auth/setup" && break
    sleep 0.1
  done
  if [[ -f $code_file ]]; then
    curl -sf -o /dev/null -X POST -H "Origin: $base" -H 'Content-Type: application/json' \
      -d "{\"setupCode\":\"$(cat "$code_file")\",\"username\":\"$PLATFORM_USER\",\"password\":\"$PLATFORM_PASSWORD\"}" \
      "$base/api/auth/setup" || { echo "creating the first admin failed" >&2; return 1; }
  fi
  curl -sf -o /dev/null -c "$PLATFORM_COOKIE_JAR" -X POST -H "Origin: $base" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$PLATFORM_USER\",\"password\":\"$PLATFORM_PASSWORD\"}" "$base/api/auth/login" \
    || { echo "logging in as $PLATFORM_USER failed" >&2; return 1; }
  CUBEKVM_TOKEN=$(curl -sf -b "$PLATFORM_COOKIE_JAR" -X POST -H "Origin: $base" -H 'Content-Type: application/json' \
    -d '{"name":"bench"}' "$base/api/auth/tokens" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])') \
    || { echo "creating an API token failed" >&2; return 1; }
  export CUBEKVM_TOKEN PLATFORM_COOKIE_JAR PLATFORM_USER PLATFORM_PASSWORD
}

# Builds the benchmark harness (platform/bench, Maven profile bench). Quiet when it works; on a failure
# prints the end of the build log and stops the benchmark (it used to exit without a word).
build_bench_harness() {
  local log="$root/bench-results/harness-build.log"
  mkdir -p "$root/bench-results"
  if ! (cd "$root" && mvn -B -ntp install -Pbench -DskipTests -pl platform/bench -am >"$log" 2>&1 </dev/null); then
    tail -n 40 "$log" >&2
    echo "building the benchmark harness failed; the whole log is $log" >&2
    exit 1
  fi
}
