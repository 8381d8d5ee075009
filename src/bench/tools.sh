# shellcheck shell=bash
# The things recording-bench.sh starts: the simulated cameras and the three recorders.
# Sourced, not run. Relies on lib.sh, server.sh (the Keyframe server) and on the globals of recording-bench.sh
# (ROOT, WORK, WARMUP, DURATION, STAGGER, SEGMENT_SECS, SIM_PID, SIM_URL, TOOL_PIDS, KF_*).

# splitmuxsink max-size-time: the segment length plus 250 ms, as Keyframe's PipelineDescriptions
# (a length that is an exact multiple of the GOP gives files one GOP short, see FACTS.md)
GST_MAX_SIZE_NS=$(( SEGMENT_SECS * 1000000000 + 250000000 ))

# --- simulated cameras --------------------------------------------------------------------------

start_simulator() {
  local port
  port="$(free_port)"
  log "starting the camera simulator on port $port"
  # run from ROOT: the pre-encoded clip is cached in target/sim-cache
  java -cp "target/test-classes:$(cat target/test.classpath)" io.keyframe.sim.CameraSimulator "$port" \
    > "$WORK/simulator.log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 240); do
    grep -q '^/load1080 ' "$WORK/simulator.log" 2>/dev/null && port_in_use "$port" && break
    is_running "$SIM_PID" || { cat "$WORK/simulator.log" >&2; die "the camera simulator did not start"; }
    sleep 0.5
  done
  grep -q '^/load1080 ' "$WORK/simulator.log" || die "the camera simulator did not announce /load1080"
  SIM_URL="rtsp://127.0.0.1:$port/load1080"
  log "cameras: $SIM_URL (one shared mount for every recorder)"
}

stop_simulator() {
  [ -n "${SIM_PID:-}" ] || return 0
  stop_pids TERM 10 "$SIM_PID"   # its shutdown hook closes the RTSP server
  SIM_PID=""
}

# --- (a) gst-launch and (b) ffmpeg: one process per stream -----------------------------------------

# Sets CMD to the recorder command line of TOOL writing into DIR.
recorder_command() {
  local tool="$1" dir="$2"
  case "$tool" in
    gst-launch)
      CMD=(gst-launch-1.0 -e rtspsrc location="$SIM_URL" protocols=tcp latency=500
        ! rtph264depay wait-for-keyframe=true ! h264parse
        ! splitmuxsink max-size-time="$GST_MAX_SIZE_NS" use-robust-muxing=true
          muxer="mp4mux reserved-moov-update-period=1000000000" location="$dir/seg%05d.mp4") ;;
    ffmpeg)
      CMD=(ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i "$SIM_URL" -c copy
        -f segment -segment_time "$SEGMENT_SECS" -reset_timestamps 1 -strftime 1 "$dir/%Y%m%d%H%M%S.mp4") ;;
    *) die "unknown recorder $tool" ;;
  esac
}

# Waits until each of the N stream folders DIR/cam<i> holds a non-empty .mp4 (at most 60 + N s);
# prints how many do.
wait_streaming() {
  local dir="$1" n="$2" deadline count i
  deadline=$(( $(date +%s) + 60 + n ))
  while :; do
    count=0
    for i in $(seq 1 "$n"); do
      [ -n "$(find "$dir/cam$i" -name '*.mp4' -size +0 -print -quit)" ] && count=$((count + 1))
    done
    if [ "$count" -eq "$n" ] || [ "$(date +%s)" -ge "$deadline" ]; then echo "$count"; return; fi
    sleep 0.5
  done
}

# run_cli_recorder TOOL N : N processes of TOOL, warm-up, measuring window, clean stop (SIGINT:
# gst-launch -e sends EOS and finalises; ffmpeg writes its trailer), frame count.
run_cli_recorder() {
  local tool="$1" n="$2"
  local dir="$WORK/$tool-$n" i t0 t1 alive=0 empty=0 killed note="" pid streaming
  log "$tool, $n stream(s): starting"
  mkdir -p "$dir"
  TOOL_PIDS=()
  t0="$(now)"
  for i in $(seq 1 "$n"); do
    mkdir -p "$dir/cam$i"
    recorder_command "$tool" "$dir/cam$i"
    "${CMD[@]}" > "$dir/cam$i.log" 2>&1 &
    TOOL_PIDS+=($!)
    # one after the other, as Keyframe's cameras arrive through sequential REST calls (≈ 0.2 s
    # each): 64 processes started at once keep both cores busy for half a minute
    [ "$i" -eq "$n" ] || sleep "$STAGGER"
  done
  # warm-up counts from the moment every stream receives media (each has a non-empty file), as
  # Keyframe's from RECORDING; on a loaded machine connecting alone can take several seconds
  streaming="$(wait_streaming "$dir" "$n")"
  [ "$streaming" -eq "$n" ] || note+="only $streaming of $n streams wrote a file within $((60 + n)) s; "
  log "$tool, $n stream(s): $streaming receiving media after $(awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.1f", b - a}') s; warm-up ${WARMUP}s"
  sleep "$WARMUP"
  wait_quiet "$tool, $n stream(s)" "${TOOL_PIDS[@]}"
  note+="$QUIET_NOTE"
  log "$tool, $n stream(s): measuring for ${DURATION}s"
  measure_window "$DURATION" "${TOOL_PIDS[@]}"
  for pid in "${TOOL_PIDS[@]}"; do is_running "$pid" && alive=$((alive + 1)); done
  for i in $(seq 1 "$n"); do
    [ -n "$(find "$dir/cam$i" -name '*.mp4' -size +0 -print -quit)" ] || empty=$((empty + 1))
  done
  stop_pids INT 30 "${TOOL_PIDS[@]}"
  killed="$STOP_KILLED"
  t1="$(now)"
  TOOL_PIDS=()
  [ "$alive" -eq "$n" ] || note+="only $alive of $n processes alive at the end of the window; "
  [ "$empty" -eq 0 ] || note+="$empty stream(s) wrote nothing; "
  [ "$killed" -eq 0 ] || note+="$killed process(es) needed SIGKILL (last file unfinalised); "
  if [ "$alive" -ne "$n" ] || [ "$empty" -ne 0 ] || [ "$killed" -ne 0 ]; then
    log "$tool, $n stream(s): ${note%; }; last lines of the log of a failed stream:"
    tail -n 5 "$(failed_log "$dir" "$n")" >&2 || true
  fi
  if [ "$alive" -ne "$n" ]; then
    # the CPU time of a process that ended is gone from /proc: the window's sum would be wrong
    finish_run "$tool" "$n" "$dir" - - "$t0" "$t1" "${note}CPU and RSS not measurable; "
  else
    finish_run "$tool" "$n" "$dir" "$W_TOOL_PCT" "$W_RSS_KB" "$t0" "$t1" "$note"
  fi
}

# The log of the first stream whose process failed (else cam1's).
failed_log() {
  local dir="$1" n="$2" i
  for i in $(seq 1 "$n"); do
    grep -qE 'ERROR|Error|error' "$dir/cam$i.log" 2>/dev/null && { echo "$dir/cam$i.log"; return; }
  done
  echo "$dir/cam1.log"
}

# finish_run TOOL N DIR TOTAL_CPU_PCT TOTAL_RSS_KB T0 T1 NOTE : counts frames, records the result
# line, removes the recordings. CPU and RSS may be "-" (not measured).
finish_run() {
  local tool="$1" n="$2" dir="$3" cpu="$4" rss="$5" t0="$6" t1="$7" note="$8"
  local files frames expected secs bad cpu_s rss_s rec_s run_s
  read -r files frames expected secs bad <<<"$(count_frames "$dir")"
  [ "$bad" -eq 0 ] || note+="$bad unreadable file(s); "
  cpu_s="$(awk -v c="$cpu" -v n="$n" 'BEGIN {if (c == "-") print "-"; else printf "%.2f", c / n}')"
  rss_s="$(awk -v r="$rss" -v n="$n" 'BEGIN {if (r == "-") print "-"; else printf "%.1f", r / n / 1024}')"
  rec_s="$(awk -v s="$secs" -v n="$n" 'BEGIN {printf "%.1f", s / n}')"
  run_s="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')"
  log "$tool, $n stream(s): CPU ${cpu_s} %/stream, RSS ${rss_s} MB/stream, $frames of $expected frames in $files file(s), simulator ${W_SIM_PCT} %, others ${W_OTHER_PCT} % of a core"
  record_result "$n" "$tool" "$cpu_s" "$rss_s" "$frames" "$expected" "$rec_s" "$run_s" \
    "$W_SIM_PCT" "$W_OTHER_PCT" "${note%; }"
  rm -rf "$dir"
}

# --- (c) Keyframe ---------------------------------------------------------------------------------

kf_state() {   # the "state" of the camera's primary stream
  kf_api GET "/recording/status/$1" | sed -n 's/.*"state": *"\([A-Z_]*\)".*/\1/p' | head -n 1
}

# Waits until all N cameras record; prints how many do.
kf_wait_recording() {
  local n="$1" deadline recording i
  deadline=$(( $(date +%s) + 60 + n ))
  while :; do
    recording=0
    for i in $(seq 1 "$n"); do
      [ "$(kf_state "bench$i")" = RECORDING ] && recording=$((recording + 1))
    done
    if [ "$recording" -eq "$n" ] || [ "$(date +%s)" -ge "$deadline" ]; then echo "$recording"; return; fi
    sleep 1
  done
}

# Prints a note if a camera is not RECORDING or has reconnected (nothing when all is well).
kf_check_cameras() {
  local n="$1" i json not_recording=0 reconnects=0 r
  for i in $(seq 1 "$n"); do
    json="$(kf_api GET "/recording/status/bench$i" | head -n 1)" || json=""
    [[ "$json" == *'"state":"RECORDING"'* ]] || not_recording=$((not_recording + 1))
    r="$(sed -n 's/.*"reconnects": *\([0-9]*\).*/\1/p' <<<"$json")"
    reconnects=$((reconnects + ${r:-0}))
  done
  [ "$not_recording" -eq 0 ] || printf '%s of %s cameras not RECORDING at the end of the window; ' "$not_recording" "$n"
  [ "$reconnects" -eq 0 ] || printf '%s reconnect(s) in all; ' "$reconnects"
}

# run_keyframe N : fresh database, config and server; idle window; N cameras registered (continuous
# mode records at once); warm-up; measuring window; POST /recording/stop for each; server stop.
run_keyframe() {
  local n="$1"
  local dir="$WORK/keyframe-$n" db="keyframe_bench_${RUN_ID}_n$n" pid i out code recording
  local idle_pct idle_rss idle_other t0 t1 stopped=0 note=""
  mkdir -p "$dir/recordings"
  cat > "$dir/keyframe.toml" <<TOML
# written by src/bench/recording-bench.sh
[recording]
root = "$dir/recordings"
segment_duration_secs = $SEGMENT_SECS
TOML
  create_database "$db"
  if ! start_keyframe "$db" "$dir/keyframe.toml"; then
    stop_keyframe
    record_result "$n" keyframe - - - - - - - - "server did not start"
    return
  fi
  pid="$(kf_pid)"
  # the first seconds after "ready" still compile and initialise (≈ 8 % of a core measured
  # 5-15 s after ready, 1-2 % later): let the server settle before its idle baseline
  log "Keyframe: ready (PID $pid); settling ${KF_SETTLE}s, then the idle window (${DURATION}s, no camera)"
  sleep "$KF_SETTLE"
  wait_quiet "Keyframe idle" "$pid"
  note+="${QUIET_NOTE:+idle window: $QUIET_NOTE}"
  measure_window "$DURATION" "$pid"
  idle_pct="$W_TOOL_PCT"; idle_rss="$W_RSS_KB"; idle_other="$W_OTHER_PCT"
  log "Keyframe idle: CPU ${idle_pct} % of a core, RSS $((idle_rss / 1024)) MB, others ${idle_other} % of a core"

  t0="$(now)"
  for i in $(seq 1 "$n"); do
    out="$(kf_api POST /cameras "{\"camera_id\":\"bench$i\",\"recording_mode\":\"continuous\",
      \"streams\":[{\"stream_id\":\"main\",\"url\":\"$SIM_URL\"}]}")" || true
    code="${out##*$'\n'}"
    [ "$code" = 201 ] || { note+="camera bench$i: HTTP $code; "; log "registering bench$i: ${out%$'\n'*} (HTTP $code)"; }
  done
  recording="$(kf_wait_recording "$n")"
  if [ "$recording" -eq 0 ]; then
    log "Keyframe: no camera reached RECORDING; status of bench1: $(kf_api GET /recording/status/bench1 | head -n 1)"
    stop_keyframe
    drop_database "$db"
    record_result "$n" keyframe - - - - - - - - "no camera reached RECORDING"
    return
  fi
  [ "$recording" -eq "$n" ] || note+="only $recording of $n cameras RECORDING after the wait; "
  log "Keyframe: $recording of $n camera(s) recording; warm-up ${WARMUP}s, then measuring ${DURATION}s"
  sleep "$WARMUP"
  wait_quiet "Keyframe, $n stream(s)" "$pid"
  note+="$QUIET_NOTE"
  measure_window "$DURATION" "$pid"
  note+="$(kf_check_cameras "$n")"

  # stop returns once the camera's last file is finalised
  for i in $(seq 1 "$n"); do
    [ "$(kf_api POST "/recording/stop/bench$i" | tail -n 1)" = 200 ] && stopped=$((stopped + 1))
  done
  t1="$(now)"
  [ "$stopped" -eq "$n" ] || note+="POST /recording/stop failed for $((n - stopped)) camera(s); "
  stop_keyframe
  drop_database "$db"
  # marginal cost of the cameras: minus the idle server of the same window length
  finish_run keyframe "$n" "$dir/recordings" \
    "$(awk -v a="$W_TOOL_PCT" -v b="$idle_pct" 'BEGIN {print a - b}')" \
    "$((W_RSS_KB - idle_rss))" "$t0" "$t1" \
    "${note}idle server: $(printf '%.1f' "$idle_pct") % CPU, $((idle_rss / 1024)) MB RSS (others meanwhile: ${idle_other} %); "
  rm -rf "$dir"
}
