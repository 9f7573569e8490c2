# Shell functions of the Goldsmith QA script (see QaScript). POSIX sh: dash, bash and busybox ash run it.
# Each check is one call of one function, every argument a single-quoted literal from the host; check names
# arrive JSON-escaped. Each function prints one GOLDSMITH-CHECK line and returns 0 when the check passed.
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LC_ALL=C
export PATH LC_ALL

# Prints $1 as the inside of a JSON string: line ends and tabs become spaces, other control
# characters are dropped, it is cut at 400 bytes, then backslashes and quotes are escaped.
qa_json() {
    printf '%s' "$1" | tr '\n\r\t' '   ' | tr -d '\001-\010\013\014\016-\037\177' \
        | cut -c 1-400 | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

# Prints the time in milliseconds, or nothing where date cannot tell it.
qa_now() {
    qa_t=$(date +%s%3N 2>/dev/null)
    case $qa_t in ''|*[!0-9]*) qa_t= ;; esac
    printf '%s' "$qa_t"
}

# qa_report NAME PASSED DETAIL [VALUE]: NAME comes JSON-escaped; returns 0 when PASSED is true.
qa_report() {
    qa_line="{\"name\":\"$1\",\"passed\":$2,\"detail\":\"$(qa_json "$3")\""
    if [ $# -ge 4 ]; then qa_line="$qa_line,\"value\":\"$(qa_json "$4")\""; fi
    qa_end=$(qa_now)
    if [ -n "$qa_start" ] && [ -n "$qa_end" ]; then
        qa_line="$qa_line,\"millis\":$((qa_end - qa_start))"
    fi
    printf 'GOLDSMITH-CHECK %s}\n' "$qa_line"
    [ "$2" = true ]
}

# Reports the check failed and returns 0 when the guest has no systemctl.
qa_no_systemd() {
    command -v systemctl >/dev/null 2>&1 && return 1
    qa_report "$1" false 'systemctl not found: the guest does not run systemd'
    return 0
}

# A target counts as reached while it waits only for this QA run: it is activating, or inactive with its start
# job queued (systemd shows a target whose job waits for other units as inactive), and no job other than the
# agent's own is still running.
qa_target_reached() {
    qa_no_systemd "$1" && return 1
    qa_s=$(systemctl is-active -- "$2" 2>&1)
    case $qa_s in
    active) qa_report "$1" true "$2 is active"; return ;;
    activating|inactive)
        qa_jobs=$(systemctl list-jobs --no-legend 2>/dev/null)
        qa_queued=$(printf '%s\n' "$qa_jobs" | while read -r qa_j qa_u qa_y qa_w qa_r
            do if [ "$qa_u" = "$2" ] && [ "$qa_y" = start ]; then printf '%s' "$qa_w"; fi
            done)
        qa_running=$(printf '%s\n' "$qa_jobs" | while read -r qa_j qa_u qa_y qa_w qa_r
            do if [ "$qa_w" = running ] && [ "$qa_u" != "$qa_self" ]; then printf '%s ' "$qa_u"; fi
            done)
        if [ "$qa_s" = inactive ] && [ -z "$qa_queued" ]; then
            qa_report "$1" false "$2 is inactive and not being started"
        elif [ -z "$qa_running" ]; then
            qa_report "$1" true "$2 is $qa_s; only jobs that wait for this QA run remain"
        else
            qa_report "$1" false "$2 is $qa_s; still running: $qa_running"
        fi
        return ;;
    esac
    qa_unit_state "$1" "$2" "$qa_s"
}

# qa_unit_state NAME UNIT ANSWER: reports a unit that is not active, or systemctl's complaint when its answer is
# no unit state (no systemd running, no bus).
qa_unit_state() {
    case $3 in
    '' | *[!a-z-]*) qa_report "$1" false "systemd cannot tell the state of $2: $3" ;;
    *) qa_report "$1" false "$2 is $3" ;;
    esac
}

qa_service_active() {
    qa_no_systemd "$1" && return 1
    qa_s=$(systemctl is-active -- "$2" 2>&1)
    if [ "$qa_s" = active ]; then qa_report "$1" true "$2 is active"; return; fi
    qa_unit_state "$1" "$2" "$qa_s"
}

qa_package_dpkg() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        qa_report "$1" false 'dpkg-query not found' ''; return
    fi
    qa_v=$(dpkg-query -W -f='${db:Status-Status} ${Version}\n' -- "$2" 2>/dev/null \
        | sed -n 's/^installed //p' | tr '\n' ' ')
    qa_v=${qa_v% }
    if [ -n "$qa_v" ]; then qa_report "$1" true "installed $qa_v" "$qa_v"; return; fi
    qa_report "$1" false "$2 is not installed" ''
}

qa_package_rpm() {
    if ! command -v rpm >/dev/null 2>&1; then qa_report "$1" false 'rpm not found' ''; return; fi
    if qa_v=$(rpm -q --qf '%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\n' -- "$2" 2>&1); then
        qa_v=$(printf '%s\n' "$qa_v" | tr '\n' ' ')
        qa_v=${qa_v% }
        qa_report "$1" true "installed $qa_v" "$qa_v"; return
    fi
    qa_report "$1" false "$qa_v" ''
}

qa_file_contains() {
    if [ ! -e "$2" ]; then qa_report "$1" false "$2 does not exist"; return; fi
    if [ ! -f "$2" ]; then qa_report "$1" false "$2 is not a regular file"; return; fi
    if [ ! -r "$2" ]; then qa_report "$1" false "$2 cannot be read"; return; fi
    if grep -q -F -e "$3" -- "$2" 2>/dev/null; then
        qa_m=$(grep -n -F -e "$3" -- "$2" 2>/dev/null | head -n 1)
        qa_report "$1" true "$2 line ${qa_m%%:*}: ${qa_m#*:}"; return
    fi
    qa_report "$1" false "not found in $2 ($(wc -l < "$2" | tr -d ' ') lines)"
}

# Reads the kernel's socket tables, so no ss or netstat is needed: a listening TCP socket is in state
# 0A, a bound UDP socket in 07.
qa_port_listening() {
    qa_hex=$(printf '%04X' "$3")
    if [ "$2" = tcp ]; then qa_state=0A; else qa_state=07; fi
    for qa_f in "/proc/net/$2" "/proc/net/${2}6"; do
        [ -r "$qa_f" ] || continue
        while read -r qa_sl qa_local qa_remote qa_st qa_rest; do
            case $qa_local in *:"$qa_hex") ;; *) continue ;; esac
            if [ "$qa_st" = "$qa_state" ]; then
                qa_report "$1" true "$2 port $3 is open (${qa_f#/proc/net/})"; return
            fi
        done < "$qa_f"
    done
    qa_report "$1" false "nothing listens on $2 port $3"
}

# qa_account DATABASE ENTRY: prints the id and the fields after it, from getent where there is one,
# else from the local file; prints nothing when there is no such entry.
qa_account() {
    if command -v getent >/dev/null 2>&1; then
        qa_e=$(getent "$1" -- "$2" 2>/dev/null)
    else
        qa_e=$(grep -F -e "$2:" "/etc/$1" 2>/dev/null)
    fi
    printf '%s\n' "$qa_e" | while IFS=: read -r qa_n qa_x qa_id qa_rest; do
        if [ "$qa_n" = "$2" ]; then printf '%s:%s\n' "$qa_id" "$qa_rest"; break; fi
    done
}

qa_user_exists() {
    qa_e=$(qa_account passwd "$2")
    if [ -z "$qa_e" ]; then qa_report "$1" false "no user $2"; return; fi
    qa_uid=${qa_e%%:*}
    qa_shell=${qa_e##*:}
    qa_report "$1" true "$2 exists: uid $qa_uid, shell $qa_shell"
}

qa_group_exists() {
    qa_e=$(qa_account group "$2")
    if [ -z "$qa_e" ]; then qa_report "$1" false "no group $2"; return; fi
    qa_report "$1" true "$2 exists: gid ${qa_e%%:*}, members ${qa_e#*:}"
}

# qa_command NAME SECONDS PROGRAM [ARGUMENT...]: runs the argument list as it is, never through a shell.
qa_command() {
    qa_n=$1
    qa_secs=$2
    shift 2
    if command -v timeout >/dev/null 2>&1; then
        qa_o=$(timeout -k 5 -- "$qa_secs" "$@" 2>&1 </dev/null)
    else
        qa_o=$("$@" 2>&1 </dev/null)
    fi
    qa_rc=$?
    qa_o=$(printf '%s\n' "$qa_o" | tail -n 5)
    if [ $qa_rc -eq 0 ]; then qa_report "$qa_n" true "exit 0${qa_o:+: $qa_o}"; return; fi
    case $qa_rc in
    124) qa_report "$qa_n" false "timed out after ${qa_secs}s${qa_o:+: $qa_o}" ;;
    126|127) qa_report "$qa_n" false "cannot run $1 (exit $qa_rc)${qa_o:+: $qa_o}" ;;
    *) qa_report "$qa_n" false "exit $qa_rc${qa_o:+: $qa_o}" ;;
    esac
}

# qa_sshd_setting NAME KEY EXPECTED [ALSO]: KEY in lower case, as sshd -T prints it; values compare
# without regard to case. Every value sshd prints for the key is shown (some keys repeat).
qa_sshd_setting() {
    qa_sshd=$(command -v sshd 2>/dev/null || echo /usr/sbin/sshd)
    if [ ! -x "$qa_sshd" ]; then qa_report "$1" false 'sshd not found'; return; fi
    qa_o=$("$qa_sshd" -T 2>&1)
    qa_rc=$?
    if [ $qa_rc -ne 0 ]; then qa_report "$1" false "sshd -T failed with exit $qa_rc: $qa_o"; return; fi
    qa_want=$(printf '%s' "$3" | tr '[:upper:]' '[:lower:]')
    qa_also=$(printf '%s' "${4:-}" | tr '[:upper:]' '[:lower:]')
    qa_found=
    qa_ok=false
    while read -r qa_k qa_v; do
        [ "$qa_k" = "$2" ] || continue
        qa_found="${qa_found:+$qa_found, }$qa_v"
        qa_lv=$(printf '%s' "$qa_v" | tr '[:upper:]' '[:lower:]')
        if [ "$qa_lv" = "$qa_want" ] || { [ -n "$qa_also" ] && [ "$qa_lv" = "$qa_also" ]; }; then
            qa_ok=true
        fi
    done <<QA_EOF
$qa_o
QA_EOF
    if [ -z "$qa_found" ]; then qa_report "$1" false "$5 is not in the output of sshd -T"; return; fi
    qa_report "$1" "$qa_ok" "$5 $qa_found"
}
