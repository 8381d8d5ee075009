#!/usr/bin/env bash
# Download benchmark: Keyframe's GET /segments/{id}/file against nginx serving the same file from
# the same disk, side by side in one run.
#
#   bash src/bench/download-bench.sh [--duration SECS] [--warmup SECS] [--size-mb MB]
#                                    [--quiet-wait SECS] [--no-build] [C ...]
#   bin/keyframe bench download [same options]
#
# One MP4 of about SIZE MB (default 100; 720p30 H.264 from videotestsrc's snow at 40 Mbit/s, made
# with gst-launch-1.0) is written under the recording root of a Keyframe server (Liberty server
# "keyframe-bench", free port, fresh database and config), with a segment row pointing at it
# (file_path relative to the root, as the recorder writes it). An nginx of our own (generated
# config, free port, foreground, pid/log/temp files in the temporary directory, unprivileged:
# user nobody when run as root; never the system service) serves the same directory. Both answers
# are checked byte for byte (sha256) against the file, then for each concurrency C (default 1 8 32)
# wrk downloads the whole file over and over with C connections for DURATION seconds (default 20),
# nginx first, then Keyframe, after one warm-up of WARMUP seconds (default 5) per server.
# Reported per run: completed requests/s, MB/s (every body byte received, also of downloads cut by
# the end of the window), latency p50/p99 of a whole download, errors, CPU of the server, of wrk and
# of everything else (the machine may be shared); then the ratio Keyframe / nginx per C (target
# >= 0.8). The tables go to stdout and to target/bench/download-<timestamp>.md.
#
# Options:
#   --duration SECS    measuring window per server and concurrency (default 20)
#   --warmup SECS      warm-up per server, 8 connections (default 5)
#   --size-mb MB       size of the generated segment (default 100)
#   --quiet-wait SECS  before each window, wait up to SECS (default 30) until other processes use
#                      less than 25 % of one core (0: never wait)
#   --no-build         skip "mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=keyframe-bench"
# Database: the local PostgreSQL of bin/keyframe setup (DB_HOST, DB_PORT, DB_USER, DB_PASSWORD
# honoured; role keyframe/keyframe by default); the role must be allowed to create databases.
# Needs wrk, nginx, gst-launch-1.0 (bin/keyframe setup installs them).
#
# Not part of the test suite. Everything it starts (Liberty server, nginx, wrk, the database, the
# temporary directory with the generated file) is stopped or removed on exit, Ctrl-C and errors included.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# --- arguments ----------------------------------------------------------------------------------

DURATION=20
WARMUP=5
SIZE_MB=100
QUIET_WAIT=30
QUIET_MAX=25
BUILD=1
COUNTS=()

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION="${2:?--duration needs a value}"; shift 2 ;;
    --duration=*) DURATION="${1#*=}"; shift ;;
    --warmup) WARMUP="${2:?--warmup needs a value}"; shift 2 ;;
    --warmup=*) WARMUP="${1#*=}"; shift ;;
    --size-mb) SIZE_MB="${2:?--size-mb needs a value}"; shift 2 ;;
    --size-mb=*) SIZE_MB="${1#*=}"; shift ;;
    --quiet-wait) QUIET_WAIT="${2:?--quiet-wait needs a value}"; shift 2 ;;
    --quiet-wait=*) QUIET_WAIT="${1#*=}"; shift ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) usage ;;
    [0-9]*) COUNTS+=("$1"); shift ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[ ${#COUNTS[@]} -gt 0 ] || COUNTS=(1 8 32)
for v in "$DURATION" "$WARMUP" "$SIZE_MB" "${COUNTS[@]}"; do
  [[ "$v" =~ ^[1-9][0-9]*$ ]] || { echo "not a positive whole number: $v" >&2; exit 2; }
done
[[ "$QUIET_WAIT" =~ ^[0-9]+$ ]] || { echo "not a whole number: $QUIET_WAIT" >&2; exit 2; }

# --- state and cleanup ------------------------------------------------------------------------------

WORK="$(mktemp -d /tmp/keyframe-download-bench.XXXXXX)"
RESULTS="$WORK/results.tsv"
RUN_ID="$(date +%s)_$$"
SIM_PID=""                 # lib.sh's measure_window also reports a simulator; there is none here
KF_STARTED=0
KF_PORT=""
KF_DATABASES=()
KF_DB_HOST="${DB_HOST:-127.0.0.1}"
KF_DB_PORT="${DB_PORT:-5432}"
KF_DB_USER="${DB_USER:-keyframe}"
KF_DB_PASSWORD="${DB_PASSWORD:-keyframe}"
NGINX_PID=""
NGINX_PORT=""
WRK_PID=""
NOTES=()
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
: > "$RESULTS"

# shellcheck source=src/bench/lib.sh
source "$ROOT/src/bench/lib.sh"
# shellcheck source=src/bench/server.sh
source "$ROOT/src/bench/server.sh"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  case "$rc" in 0|130|143) ;; *) log "failed (exit status $rc)" ;; esac
  [ -z "$WRK_PID" ] || stop_pids TERM 5 "$WRK_PID"
  # QUIT: graceful shutdown of nginx's workers, then the master
  [ -z "$NGINX_PID" ] || { log "stopping nginx"; stop_pids QUIT 10 "$NGINX_PID"; }
  [ "$KF_STARTED" = 0 ] || { log "stopping the Keyframe server"; stop_keyframe; }
  for db in "${KF_DATABASES[@]}"; do drop_database "$db" 2>/dev/null; done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# --- preparation --------------------------------------------------------------------------------------

check_commands() {
  local c missing=()
  for c in java python3 curl psql sha256sum wrk nginx gst-launch-1.0 setpriv; do
    command -v "$c" > /dev/null || missing+=("$c")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing: ${missing[*]} (bin/keyframe setup installs them)"
  psql_bench -tAc 'SELECT 1' > /dev/null 2>&1 \
    || die "cannot reach PostgreSQL at $KF_DB_HOST:$KF_DB_PORT as $KF_DB_USER (bin/keyframe setup starts it)"
}

build() {
  if [ "$BUILD" = 1 ]; then
    log "building: mvn -q -DskipTests package liberty:create liberty:deploy -Dliberty.server=$BENCH_SERVER"
    mvn -B -q -DskipTests package liberty:create liberty:deploy -Dliberty.server="$BENCH_SERVER" \
      > "$WORK/build.log" 2>&1 || { tail -n 30 "$WORK/build.log" >&2; die "the build failed"; }
  fi
  [ -f "$WLP/usr/servers/$BENCH_SERVER/apps/keyframe.war" ] \
    || die "no Liberty server $BENCH_SERVER in $WLP: run without --no-build"
}

# The segment: SIZE_MB MB of 720p30 H.264 (snow at 40 Mbit/s is 5 MB a second, 6 frames a MB),
# named and placed as the recorder would: {root}/{camera}/YYYY/MM/DD/HH/cam{camera}_{time}.mp4.
make_segment() {
  local start
  start="$(date -u -d '-1 hour' +%s)"
  SEG_CAMERA=dlbench
  SEG_START="$(date -u -d "@$start" +%Y-%m-%dT%H:%M:%SZ)"
  SEG_REL="$SEG_CAMERA/$(date -u -d "@$start" +%Y/%m/%d/%H)/cam${SEG_CAMERA}_$(date -u -d "@$start" +%Y%m%dT%H%M%SZ).mp4"
  # made aside and moved under the root once the server is up: a file found at start-up would be
  # adopted by the reconciliation, which writes its own row
  SEG_FILE="$WORK/staging.mp4"
  mkdir -p "$WORK/recordings"
  log "generating a ${SIZE_MB} MB segment with gst-launch-1.0 (about $((SIZE_MB / 10)) s)"
  gst-launch-1.0 -q videotestsrc pattern=snow num-buffers="$((SIZE_MB * 6))" \
    ! video/x-raw,format=I420,width=1280,height=720,framerate=30/1 \
    ! x264enc speed-preset=ultrafast bitrate=40000 key-int-max=30 option-string=scenecut=0 \
    ! h264parse ! mp4mux faststart=true ! filesink location="$SEG_FILE" > "$WORK/gst.log" 2>&1 \
    || { cat "$WORK/gst.log" >&2; die "gst-launch-1.0 could not make the segment"; }
  SEG_SIZE="$(stat -c %s "$SEG_FILE")"
  SEG_SHA="$(sha256sum "$SEG_FILE" | cut -d' ' -f1)"
  log "segment: $SEG_REL, $SEG_SIZE bytes, sha256 $SEG_SHA"
}

start_keyframe_with_segment() {
  local db="keyframe_dlbench_$RUN_ID"
  cat > "$WORK/keyframe.toml" <<TOML
# written by src/bench/download-bench.sh
[recording]
root = "$WORK/recordings"

[storage.cleanup]
enabled = false
TOML
  create_database "$db"
  start_keyframe "$db" "$WORK/keyframe.toml" || die "the Keyframe server did not start"
  mkdir -p "$(dirname "$WORK/recordings/$SEG_REL")"
  mv "$SEG_FILE" "$WORK/recordings/$SEG_REL"
  SEG_FILE="$WORK/recordings/$SEG_REL"
  # after start-up: the reconciliation has run, nothing records; the row is what the catalog writes
  SEG_ID="$(psql_db "$db" -tA -c "INSERT INTO segment (camera_id, stream_id, start_time, end_time,
      duration_ms, file_path, size_bytes, event_type, video_codec, width, height, has_audio)
    VALUES ('$SEG_CAMERA', 'main', '$SEG_START', TIMESTAMPTZ '$SEG_START' + interval '$((SIZE_MB / 5)) s',
      $((SIZE_MB * 1000 / 5)), '$SEG_REL', $SEG_SIZE, 'continuous', 'h264', 1280, 720, false)
    RETURNING id" | head -n 1)"
  KF_URL="http://127.0.0.1:$KF_PORT/segments/$SEG_ID/file"
  log "Keyframe: PID $(kf_pid), $KF_URL"
}

# Our own nginx: foreground (daemon off), every path in $WORK/nginx, sendfile as nginx ships it,
# no access log (Liberty writes none either); as root it runs as nobody:nogroup through setpriv.
start_nginx() {
  local dir="$WORK/nginx" t
  NGINX_PORT="$(free_port)"
  mkdir -p "$dir/tmp"
  for t in body proxy fastcgi uwsgi scgi; do mkdir -p "$dir/tmp/$t"; done
  cat > "$dir/nginx.conf" <<NGINX
# written by src/bench/download-bench.sh
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    types { video/mp4 mp4; }
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/recordings;
    }
}
NGINX
  local run=(nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log")
  if [ "$(id -u)" -eq 0 ]; then
    # nobody must reach the files and its own directory
    chmod 755 "$WORK"
    chmod -R a+rX "$WORK/recordings"
    chown -R nobody:nogroup "$dir"
    run=(setpriv --reuid=nobody --regid=nogroup --clear-groups "${run[@]}")
  fi
  log "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'): starting on 127.0.0.1:$NGINX_PORT"
  "${run[@]}" > "$dir/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 50); do
    port_in_use "$NGINX_PORT" && break
    is_running "$NGINX_PID" || { cat "$dir/stdout.log" "$dir/error.log" >&2 2>/dev/null; die "nginx did not start"; }
    sleep 0.2
  done
  port_in_use "$NGINX_PORT" || die "nginx does not listen on $NGINX_PORT"
  NGINX_URL="http://127.0.0.1:$NGINX_PORT/$SEG_REL"
}

nginx_pids() { echo "$NGINX_PID"; pgrep -P "$NGINX_PID" || true; }

# Both servers must answer the file's very bytes before anything is measured.
check_bytes() {
  local name url sum
  for name in nginx keyframe; do
    url="$NGINX_URL"; [ "$name" = keyframe ] && url="$KF_URL"
    sum="$(curl -fsS "$url" | sha256sum | cut -d' ' -f1)" || die "$name: GET $url failed"
    [ "$sum" = "$SEG_SHA" ] || die "$name answers other bytes: sha256 $sum, the file has $SEG_SHA"
    log "$name: GET $url -> the file's $SEG_SIZE bytes (sha256 matches)"
  done
}

# --- measurements ---------------------------------------------------------------------------------------

# irq + softirq ticks of the whole machine: loopback TCP is mostly processed there, charged to no process
irq_ticks() { awk '/^cpu / {print $7 + $8}' /proc/stat; }

# wrk prints one line: RESULT requests bytes duration_us errors(connect read write status timeout)
# latency_p50_us latency_p99_us
write_lua() {
  cat > "$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %d %d %d\n", summary.requests, summary.bytes,
    summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
LUA
}

# run_wrk SERVER CONNECTIONS SECONDS URL : one wrk window; sets R_* from its RESULT line and the CPU
# of the server, of wrk and of the rest of the machine over the window.
run_wrk() {
  local server="$1" c="$2" secs="$3" url="$4" threads=2 pids t0 t1 srv0 srv1 wrk0 wrk1 host0 host1 irq0 irq1 line
  [ "$c" -ge 2 ] || threads=1
  if [ "$server" = nginx ]; then mapfile -t pids < <(nginx_pids); else pids=("$(kf_pid)"); fi
  t0="$(now)"; host0="$(host_ticks)"; irq0="$(irq_ticks)"; srv0="$(cpu_ticks "${pids[@]}")"
  wrk -t "$threads" -c "$c" -d "${secs}s" --timeout 120s -s "$WORK/report.lua" "$url" > "$WORK/wrk.out" 2>&1 &
  WRK_PID=$!
  wrk0="$(cpu_ticks "$WRK_PID")"; wrk1="$wrk0"
  while is_running "$WRK_PID"; do wrk1="$(cpu_ticks "$WRK_PID")"; sleep 0.5; done
  wait "$WRK_PID" || { cat "$WORK/wrk.out" >&2; WRK_PID=""; die "wrk failed against $server"; }
  WRK_PID=""
  t1="$(now)"; host1="$(host_ticks)"; irq1="$(irq_ticks)"; srv1="$(cpu_ticks "${pids[@]}")"
  line="$(grep '^RESULT ' "$WORK/wrk.out")" || { cat "$WORK/wrk.out" >&2; die "no result from wrk"; }
  read -r _ R_REQS R_BYTES R_US R_ECONN R_EREAD R_EWRITE R_ESTATUS R_ETIMEOUT R_P50 R_P99 <<<"$line"
  R_SECS="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')"
  R_SRV_PCT="$(pct $((srv1 - srv0)) "$R_SECS")"
  R_WRK_PCT="$(pct $((wrk1 - wrk0)) "$R_SECS")"
  R_IRQ_PCT="$(pct $((irq1 - irq0)) "$R_SECS")"
  R_OTHER_PCT="$(awk -v a="$host0" -v b="$host1" -v own=$((srv1 - srv0 + wrk1 - wrk0 + irq1 - irq0)) -v s="$R_SECS" -v hz="$CLK_TCK" \
    'BEGIN {split(a, x, " "); split(b, y, " "); o = 100 * (y[1] - x[1] - own) / hz / s; printf "%.1f", o < 0 ? 0 : o}')"
}

measure() {
  local server="$1" c="$2" url errors note=""
  url="$NGINX_URL"; [ "$server" = keyframe ] && url="$KF_URL"
  wait_quiet "$server, $c client(s)" "$(kf_pid)" "$NGINX_PID"
  note+="$QUIET_NOTE"
  log "$server, $c client(s): wrk for ${DURATION}s"
  run_wrk "$server" "$c" "$DURATION" "$url"
  errors=$((R_ECONN + R_EREAD + R_EWRITE + R_ESTATUS + R_ETIMEOUT))
  [ "$errors" -eq 0 ] || note+="errors: connect $R_ECONN, read $R_EREAD, write $R_EWRITE, status $R_ESTATUS, timeout $R_ETIMEOUT; "
  local IFS=$'\t'
  printf '%s\n' "$c" "$server" "$R_REQS" \
    "$(awk -v r="$R_REQS" -v us="$R_US" 'BEGIN {printf "%.2f", r / (us / 1e6)}')" \
    "$(awk -v b="$R_BYTES" -v us="$R_US" 'BEGIN {printf "%.0f", b / 1048576 / (us / 1e6)}')" \
    "$(awk -v v="$R_P50" 'BEGIN {printf "%.0f", v / 1000}')" "$(awk -v v="$R_P99" 'BEGIN {printf "%.0f", v / 1000}')" \
    "$errors" "$(printf '%.0f' "$R_SRV_PCT")" "$(printf '%.0f' "$R_WRK_PCT")" "$(printf '%.0f' "$R_IRQ_PCT")" "$R_OTHER_PCT" "${note%; }" \
    "$(awk -v c="$R_SRV_PCT" -v b="$R_BYTES" -v s="$R_SECS" 'BEGIN {printf "%.2f", (b > 0 ? c / 100 * s / (b / 1073741824) : 0)}')" \
    | paste -sd $'\t' >> "$RESULTS"
  log "$server, $c client(s): $(tail -n 1 "$RESULTS" | awk -F'\t' '{printf "%s req/s, %s MB/s, p50 %s ms, p99 %s ms, server CPU %s %%, wrk %s %%, irq %s %%, others %s %%", $4, $5, $6, $7, $9, $10, $11, $12}')"
}

# --- report --------------------------------------------------------------------------------------------

render_report() {
  echo "| clients | server | requests | req/s | MB/s | latency p50 ms | p99 ms | errors | server CPU % | server CPU s/GB | wrk CPU % | irq CPU % | others CPU % | notes |"
  echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' '{printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $14, $10, $11, $12, $13}' "$RESULTS"
  echo
  echo "| clients | Keyframe / nginx, req/s | Keyframe / nginx, MB/s | target >= 0.8 | server CPU per GB, Keyframe / nginx |"
  echo "|---:|---:|---:|---|---:|"
  awk -F'\t' '
    { rps[$1, $2] = $4; mbs[$1, $2] = $5; cpu[$1, $2] = $14; if (!($1 in seen)) { seen[$1] = 1; order[++k] = $1 } }
    function ratio(a, b) { return (a == "" || b == "" || b + 0 == 0) ? "-" : sprintf("%.2f", a / b) }
    END { for (i = 1; i <= k; i++) { c = order[i]; r = ratio(mbs[c, "keyframe"], mbs[c, "nginx"])
            printf "| %s | %s | %s | %s | %s |\n", c, ratio(rps[c, "keyframe"], rps[c, "nginx"]), r,
                   r == "-" ? "-" : (r + 0 >= 0.8 ? "met" : "missed"), ratio(cpu[c, "keyframe"], cpu[c, "nginx"]) } }' "$RESULTS"
}

write_markdown() {
  local file="$1" dirty=""
  [ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ] || dirty=" (with uncommitted changes)"
  mkdir -p "$(dirname "$file")"
  {
    echo "# Download benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "- command: \`bash src/bench/download-bench.sh --duration $DURATION --warmup $WARMUP --size-mb $SIZE_MB --quiet-wait $QUIET_WAIT ${COUNTS[*]}\`"
    echo "- machine: $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2 / 1048576}' /proc/meminfo); load average before $LOAD_BEFORE, after $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- Keyframe: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$dirty, $(java -version 2>&1 | head -n 1); nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') (sendfile on, worker_processes auto, access_log off); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "- file: one MP4 of $SEG_SIZE bytes in $WORK/recordings (same disk and page cache for both servers), sha256 checked through both servers before measuring"
    echo "- each window: wrk -t min(C,2) -c C -d ${DURATION}s, whole-file GETs over keep-alive on 127.0.0.1; wrk, the server and anything else share the $(nproc) cores"
    echo
    render_report
    echo
    cat <<'TEXT'
Columns:
- req/s: completed downloads per second. MB/s: every body and header byte wrk received over the
  window / 2^20 (downloads cut by the end of the window count too), the better measure when each
  request takes seconds.
- latency: time to download the whole file, p50 and p99 over the window.
- server CPU %: the server's processes (Liberty's JVM; nginx master and workers), % of one core.
  server CPU s/GB: CPU seconds the server spent per GiB received by wrk. On 2 cores wrk itself
  needs most of a core or more, so nginx's MB/s is bounded by the load generator: the CPU per GB
  shows the servers' own cost even where the MB/s ratio meets the target.
  wrk CPU %: the load generator. others CPU %: the rest of the machine over the same window
  (another user's builds and tests); high values mean noisy figures.
TEXT
    for note in "${NOTES[@]}"; do echo; echo "$note"; done
  } > "$file"
}

# --- main ----------------------------------------------------------------------------------------------

main() {
  local c server report url
  check_commands
  build
  make_segment
  start_keyframe_with_segment
  start_nginx
  check_bytes
  write_lua
  for server in nginx keyframe; do
    url="$NGINX_URL"; [ "$server" = keyframe ] && url="$KF_URL"
    log "$server: warm-up ${WARMUP}s with 8 connections"
    run_wrk "$server" 8 "$WARMUP" "$url"
  done
  for c in "${COUNTS[@]}"; do
    for server in nginx keyframe; do measure "$server" "$c"; done
  done
  report="$ROOT/target/bench/download-$(date +%Y%m%d-%H%M%S).md"
  write_markdown "$report"
  echo
  render_report
  echo
  log "written to ${report#"$ROOT"/}"
}

main
