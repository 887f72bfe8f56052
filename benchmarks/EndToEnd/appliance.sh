# Sourced by measure.sh, memory.sh and soak.sh: start_appliance SERVER PORT LOG [VAR=VALUE...] starts the published
# appliance on 127.0.0.1:PORT with those variables, waits until /readyz answers (two minutes at most), sets server_pid,
# and stops the appliance when the calling script exits.
start_appliance() {
  local server=$1 port=$2 log=$3
  shift 3
  env "$@" "$server" serve --host 127.0.0.1 --port "$port" > "$log" 2>&1 &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/readyz" > /dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the appliance did not become ready; see $log" >&2
  exit 1
}
