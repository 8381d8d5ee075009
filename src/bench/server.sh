# shellcheck shell=bash
# The Keyframe server of the benchmarks: Liberty server "keyframe-bench" on a free port, its
# databases and its REST API. Sourced, not run, after lib.sh. Relies on the globals ROOT, WORK,
# KF_STARTED, KF_PORT, KF_DATABASES and KF_DB_HOST/PORT/USER/PASSWORD of the sourcing script.

BENCH_SERVER=keyframe-bench                 # Liberty server name; bin/keyframe uses "keyframe"
WLP="$ROOT/target/liberty/wlp"
KF_PID_FILE="$WLP/usr/servers/.pid/$BENCH_SERVER.pid"
KF_LOG="$WLP/usr/servers/$BENCH_SERVER/logs/messages.log"

psql_bench() {
  PGPASSWORD="$KF_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h "$KF_DB_HOST" -p "$KF_DB_PORT" \
    -U "$KF_DB_USER" -d postgres "$@"
}

psql_db() {   # psql_db DATABASE ARGS... : psql in one database of the bench role
  local db="$1"; shift
  PGPASSWORD="$KF_DB_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h "$KF_DB_HOST" -p "$KF_DB_PORT" \
    -U "$KF_DB_USER" -d "$db" "$@"
}

create_database() {
  psql_bench -c "CREATE DATABASE \"$1\"" > /dev/null
  KF_DATABASES+=("$1")
}

drop_database() {
  psql_bench -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" > /dev/null
}

kf_pid() { cat "$KF_PID_FILE" 2>/dev/null; }

kf_running() {
  local pid
  pid="$(kf_pid)"
  [ -n "$pid" ] && is_running "$pid"
}

# Starts the keyframe-bench Liberty server in the background on KF_PORT.
start_keyframe() {
  local db="$1" config="$2"
  kf_running && die "a $BENCH_SERVER server is already running (PID $(kf_pid)); stop it: $WLP/bin/server stop $BENCH_SERVER"
  KF_PORT="$(free_port)"
  port_in_use "$KF_PORT" && die "port $KF_PORT is in use"
  log "Keyframe: starting Liberty server $BENCH_SERVER on 127.0.0.1:$KF_PORT (database $db)"
  rm -f "$KF_LOG"
  KF_STARTED=1
  # security off: the benchmarks measure serving and storing, compared with tools that check no
  # credentials (nginx, gst-launch); the bench server listens on loopback only
  KEYFRAME_SECURITY=off HTTP_PORT="$KF_PORT" HTTP_HOST=127.0.0.1 KEYFRAME_CONFIG="$config" DB_NAME="$db" \
    DB_HOST="$KF_DB_HOST" DB_PORT="$KF_DB_PORT" DB_USER="$KF_DB_USER" DB_PASSWORD="$KF_DB_PASSWORD" \
    "$WLP/bin/server" start "$BENCH_SERVER" > "$WORK/server-start.log" 2>&1 \
    || { cat "$WORK/server-start.log" >&2; return 1; }
  for _ in $(seq 1 180); do
    curl -fsS -o /dev/null "http://127.0.0.1:$KF_PORT/health/ready" 2>/dev/null && return 0
    grep -q 'CWWKZ0002E' "$KF_LOG" 2>/dev/null && break
    kf_running || break
    sleep 1
  done
  log "Keyframe did not become ready; last lines of $KF_LOG:"
  tail -n 30 "$KF_LOG" >&2 || true
  return 1
}

stop_keyframe() {
  [ "${KF_STARTED:-0}" = 1 ] || return 0
  local pid
  pid="$(kf_pid)"
  timeout 90 "$WLP/bin/server" stop "$BENCH_SERVER" > /dev/null 2>&1 || true
  if [ -n "$pid" ] && is_running "$pid"; then
    log "Keyframe did not stop; killing PID $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  KF_STARTED=0
}

kf_api() {   # kf_api METHOD PATH [JSON] : prints the body, then the HTTP status on its own line
  local method="$1" path="$2" body="${3:-}"
  if [ -n "$body" ]; then
    curl -sS -m 30 -X "$method" -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}' \
      "http://127.0.0.1:$KF_PORT$path"
  else
    curl -sS -m 60 -X "$method" -w '\n%{http_code}' "http://127.0.0.1:$KF_PORT$path"
  fi
}
