# The work folder of a test or measurement run that unpacked the appliance: removed when the run
# went well, kept for a post-mortem when it did not. Source it (bash).
#
#   release_workdir <folder> <exit status of the run> [<ERE of the ERROR lines the run provokes>]
#
# A run went wrong when its exit status is not 0 or when the karaf.log of an appliance in the
# folder has an ERROR line, other than those the run provokes on purpose (e.g. a damaged backup,
# matched by the third argument): then every ERROR entry of those logs is printed whole (the line
# and the stack trace lines that follow it; a tail or a cut would hide the cause) and the folder
# is kept, with its path said. Else it is removed, unless KEEP_WORKDIR=1 asks to keep it anyway.

# Karaf's log pattern (etc/org.ops4j.pax.logging.cfg): "<ISO8601 time> | <level> | ..."; no {n} in
# the patterns: mawk, Debian's awk, has no intervals
KARAF_ENTRY_START='^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T'
KARAF_ERROR_LINE='^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[^|]*[|] ERROR '

# Prints the ERROR entries of a Karaf log ($1): a line with level ERROR and the lines after it up
# to the next line that starts an entry (the stack trace, "Caused by: ...").
karaf_error_entries() {
    awk -v start="$KARAF_ENTRY_START" -v error="$KARAF_ERROR_LINE" \
        '$0 ~ start { inside = ($0 ~ error) } inside' "$1"
}

release_workdir() {
    local folder=$1 status=$2 provoked=${3:-} log unexpected=0
    local -a logged=()
    [[ -d "$folder" ]] || return 0
    while IFS= read -r log; do
        if grep -qE "$KARAF_ERROR_LINE" "$log"; then
            logged+=("$log")
            # one awk, not grep | grep -q: under pipefail the first grep's SIGPIPE would read as "none"
            if awk -v error="$KARAF_ERROR_LINE" -v provoked="$provoked" \
                '$0 ~ error && (provoked == "" || $0 !~ provoked) { found = 1 } END { exit !found }' "$log"; then
                unexpected=1
            fi
        fi
    done < <(find "$folder" -maxdepth 5 -path '*/data/log/karaf.log' -type f 2>/dev/null)
    if ((status == 0 && unexpected == 0)); then
        if [[ "${KEEP_WORKDIR:-0}" == 1 ]]; then
            printf '== kept %s (KEEP_WORKDIR=1)\n' "$folder"
        else
            rm -rf "$folder"
        fi
        return 0
    fi
    for log in "${logged[@]}"; do
        printf '== ERROR entries of %s\n' "$log"
        karaf_error_entries "$log"
    done
    printf '== kept %s for a post-mortem (exit status %s, ERROR lines in %d karaf.log%s)\n' \
        "$folder" "$status" "${#logged[@]}" "${provoked:+, those matching '$provoked' provoked by the run}"
}
