# shellcheck shell=bash
# Helpers of recording-bench.sh: logging, ports, process bookkeeping, /proc measurements and
# frame counting. Sourced, not run.

CLK_TCK="$(getconf CLK_TCK)"
FPS=30                      # the simulated camera's frame rate (target/sim-cache clip: 1080p30)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

now() { date +%s.%N; }

# A TCP port nobody listens on (the kernel picks it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True while PID is alive and not a zombie (kill -0 succeeds on zombies of our own children).
is_running() {
  local state
  state="$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}

# Waits up to TIMEOUT seconds for every PID to end. Returns 1 if one is still running.
wait_gone() {
  local timeout="$1"; shift
  local deadline pid
  deadline=$(( $(date +%s) + timeout ))
  for pid in "$@"; do
    while is_running "$pid"; do
      [ "$(date +%s)" -ge "$deadline" ] && return 1
      sleep 0.2
    done
  done
  return 0
}

# Stops our own child processes: SIGNAL first, SIGKILL after TIMEOUT seconds. Sets STOP_KILLED to
# the number that had to be killed (their last file is then not finalised).
stop_pids() {
  local signal="$1" timeout="$2"; shift 2
  local pid
  STOP_KILLED=0
  [ $# -gt 0 ] || return 0
  kill "-$signal" "$@" 2>/dev/null || true
  if ! wait_gone "$timeout" "$@"; then
    for pid in "$@"; do
      if is_running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; STOP_KILLED=$((STOP_KILLED + 1)); fi
    done
  fi
  for pid in "$@"; do wait "$pid" 2>/dev/null || true; done
}

# --- /proc measurements -------------------------------------------------------------------------

# Sum of utime+stime (clock ticks, all threads) of the given PIDs; a vanished or empty PID counts 0.
cpu_ticks() {
  local pid total=0 fields
  for pid in "$@"; do
    [ -n "$pid" ] || continue   # "/proc//stat" would be /proc/stat
    # field 2 (comm) may hold spaces: cut everything up to the last ')'; utime/stime are then
    # the 12th and 13th fields (14 and 15 of proc(5))
    fields="$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null)" || continue
    total=$(( total + $(awk '{print $12 + $13}' <<<"$fields") ))
  done
  echo "$total"
}

# Sum of VmRSS (kB) of the given PIDs.
rss_kb() {
  local pid total=0 kb
  for pid in "$@"; do
    kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)" || kb=0
    total=$(( total + ${kb:-0} ))
  done
  echo "$total"
}

# "busy total" ticks of the whole machine (all cores) from /proc/stat.
host_ticks() {
  awk '/^cpu / {t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t}' /proc/stat
}

# measure_window SECONDS TOOL_PIDS... : sleeps SECONDS and sets, for that window,
#   W_SECS       the exact wall time
#   W_TOOL_PCT   CPU of TOOL_PIDS in % of one core (sum over the processes)
#   W_SIM_PCT    CPU of the simulator ($SIM_PID) in % of one core
#   W_OTHER_PCT  CPU of everything else on the machine, in % of one core (other people's builds
#                and tests, kernel time not charged to a process)
#   W_HOST_PCT   busy share of the whole machine (100 = every core busy)
#   W_RSS_KB     RSS of TOOL_PIDS at the end of the window
measure_window() {
  local secs="$1"; shift
  local t0 t1 tool0 tool1 sim0 sim1 host0 host1
  t0="$(now)"; tool0="$(cpu_ticks "$@")"; sim0="$(cpu_ticks "$SIM_PID")"; host0="$(host_ticks)"
  sleep "$secs"
  t1="$(now)"; tool1="$(cpu_ticks "$@")"; sim1="$(cpu_ticks "$SIM_PID")"; host1="$(host_ticks)"
  W_RSS_KB="$(rss_kb "$@")"
  W_SECS="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')"
  W_TOOL_PCT="$(pct $((tool1 - tool0)) "$W_SECS")"
  W_SIM_PCT="$(pct $((sim1 - sim0)) "$W_SECS")"
  W_OTHER_PCT="$(awk -v a="$host0" -v b="$host1" -v own=$((tool1 - tool0 + sim1 - sim0)) -v s="$W_SECS" -v hz="$CLK_TCK" \
    'BEGIN {split(a, x, " "); split(b, y, " "); o = 100 * (y[1] - x[1] - own) / hz / s; printf "%.1f", o < 0 ? 0 : o}')"
  W_HOST_PCT="$(awk -v a="$host0" -v b="$host1" 'BEGIN {split(a, x, " "); split(b, y, " ");
                 printf "%.1f", 100 * (y[1] - x[1]) / (y[2] - x[2])}')"
}

pct() {   # pct TICKS SECONDS : % of one core
  awk -v d="$1" -v s="$2" -v hz="$CLK_TCK" 'BEGIN {printf "%.3f", 100 * d / hz / s}'
}

# wait_quiet LABEL TOOL_PIDS... : the machine is shared; while other processes use more than
# QUIET_MAX % of a core (3 s probes), waits, at most QUIET_WAIT seconds. Sets QUIET_NOTE when it gave up.
wait_quiet() {
  local label="$1"; shift
  local deadline said=0
  QUIET_NOTE=""
  [ "$QUIET_WAIT" -gt 0 ] || return 0
  deadline=$(( $(date +%s) + QUIET_WAIT ))
  while :; do
    measure_window 3 "$@"
    awk -v o="$W_OTHER_PCT" -v m="$QUIET_MAX" 'BEGIN {exit !(o < m)}' && return 0
    if [ "$(date +%s)" -ge "$deadline" ]; then
      QUIET_NOTE="other processes used ${W_OTHER_PCT} % of a core just before the window; "
      log "$label: the machine stayed busy (others: ${W_OTHER_PCT} % of a core); measuring anyway"
      return 0
    fi
    [ "$said" = 1 ] || log "$label: other processes use ${W_OTHER_PCT} % of a core; waiting up to ${QUIET_WAIT}s for a quieter machine"
    said=1
  done
}

# --- frames ----------------------------------------------------------------------------------------

# count_frames DIR : over every non-empty .mp4 under DIR, prints
#   "files frames expected recorded_secs unreadable"
# frames        = video packets in the files (what ffprobe -count_packets counts);
# recorded_secs = per file, first to last video DTS plus one frame, summed;
# expected      = frames + the frame slots missing at 30 fps: every step between consecutive DTS
#                 longer than one frame interval counts round(step x 30) - 1 lost frames. For a file
#                 with regular timestamps this is 30 x recorded_secs; unlike that product it is not
#                 fooled by ffmpeg's first frame, whose DTS lies a few microseconds after the
#                 keyframe's (two real frames in one slot; the product would then report -1 lost).
# Every recorder starts a file on a keyframe (the partial first GOP is not written) and is stopped
# cleanly before this runs, so neither the first GOP nor an unfinalised file distorts the count.
count_frames() {
  local dir="$1" file out files=0 frames=0 expected=0 secs=0 bad=0 n e s
  while IFS= read -r -d '' file; do
    files=$((files + 1))
    out="$(ffprobe -v error -select_streams v:0 -show_entries packet=dts_time -of csv=p=0 "$file" 2>/dev/null |
      awk -v fps="$FPS" '
        $1 == "N/A" || $1 == "" { next }
        { t = $1 + 0; n++
          if (n > 1) { gap = int((t - prev) * fps + 0.5) - 1; if (gap > 0) lost += gap }
          if (n == 1 || t < lo) lo = t; if (n == 1 || t > hi) hi = t; prev = t }
        END { if (n == 0) { print "0 0 0"; exit }
              printf "%d %d %.3f\n", n, n + lost, hi - lo + 1 / fps }')" || out=""
    if [ -z "$out" ] || [ "${out%% *}" = 0 ]; then bad=$((bad + 1)); continue; fi
    read -r n e s <<<"$out"
    frames=$((frames + n)); expected=$((expected + e))
    secs="$(awk -v a="$secs" -v b="$s" 'BEGIN {printf "%.3f", a + b}')"
  done < <(find "$dir" -type f -name '*.mp4' -size +0 -print0)
  echo "$files $frames $expected $secs $bad"
}

# --- results ---------------------------------------------------------------------------------------

# record_result N TOOL CPU_PCT_PER_STREAM RSS_MB_PER_STREAM FRAMES EXPECTED REC_SECS RUN_SECS SIM_PCT OTHER_PCT NOTE
# Appends one tab-separated line to $RESULTS.
record_result() {
  local IFS=$'\t'
  printf '%s\n' "$*" >> "$RESULTS"
}
