# shellcheck shell=bash
# Sourced by the benchmarks: finds the Debian mirror this machine's own APT sources use, so no host is written
# into a script.

# mirror_uri SUITE — prints the first http(s) URI whose 'deb' entry serves SUITE's main component.
mirror_uri() {
    local suite=$1 file uri
    for file in /etc/apt/sources.list.d/*.sources; do
        [[ -r $file ]] || continue
        # deb822 format: stanzas of Types, URIs, Suites, Components (names in any case), maybe Enabled: no.
        uri=$(awk -v suite="$suite" '
            function reset() { deb = 0; suited = 0; main = 0; uri = ""; enabled = 1 }
            function flush() {
                if (deb && suited && main && enabled && uri != "") { print uri; done = 1; exit }
                reset()
            }
            function has(list, word,    n, i, w) {
                n = split(list, w, /[ \t]+/)
                for (i = 1; i <= n; i++) if (w[i] == word) return 1
                return 0
            }
            BEGIN { reset() }
            /^#/ { next }
            /^[ \t]*$/ { flush(); next }
            /^[ \t]/ { next }
            {
                name = tolower(substr($0, 1, index($0, ":") - 1))
                value = substr($0, index($0, ":") + 1)
                if (name == "types") deb = has(value, "deb")
                else if (name == "suites") suited = has(value, suite)
                else if (name == "components") main = has(value, "main")
                else if (name == "enabled") enabled = (value !~ /no/)
                else if (name == "uris") {
                    n = split(value, u, /[ \t]+/)
                    for (i = 1; i <= n; i++) if (uri == "" && u[i] ~ /^https?:\/\//) uri = u[i]
                }
            }
            END { if (!done) flush() }' "$file")
        [[ -n $uri ]] && { echo "$uri"; return 0; }
    done
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $file ]] || continue
        # One-line format: deb [options] URI SUITE COMPONENT...
        uri=$(awk -v suite="$suite" '
            $1 == "deb" {
                i = 2
                if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
                if ($i !~ /^https?:\/\// || $(i + 1) != suite) next
                for (j = i + 2; j <= NF; j++) if ($j == "main") { print $i; exit }
            }' "$file")
        [[ -n $uri ]] && { echo "$uri"; return 0; }
    done
    return 1
}
