# shellcheck shell=bash
# Sourced by the launcher and the test script: makes sure the Debian packages a step needs are installed.
# As root it installs what is missing; otherwise it names exactly what to install and stops.

# require COMMAND:PACKAGE ... — every COMMAND must be on PATH; PACKAGE is the Debian package that brings it.
require() {
    local missing_packages=() pair command package
    for pair in "$@"; do
        command=${pair%%:*}
        package=${pair#*:}
        if ! command -v "$command" >/dev/null 2>&1; then
            missing_packages+=("$package")
        fi
    done
    [[ ${#missing_packages[@]} -eq 0 ]] && return 0

    # Deduplicate while keeping order: several commands can come from one package.
    local unique=() seen=" " p
    for p in "${missing_packages[@]}"; do
        [[ $seen == *" $p "* ]] || { unique+=("$p"); seen+="$p "; }
    done

    if [[ $(id -u) -ne 0 ]]; then
        echo "goldsmith needs these Debian packages: ${unique[*]}" >&2
        echo "install them with: sudo apt-get install -y ${unique[*]}" >&2
        exit 1
    fi
    echo "goldsmith: installing ${unique[*]}" >&2
    if [[ -z ${GOLDSMITH_APT_UPDATED:-} ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        export GOLDSMITH_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${unique[@]}" >&2
}

# The tools to build and run the Java application.
require_build_tools() {
    require java:openjdk-17-jdk-headless javac:openjdk-17-jdk-headless mvn:maven
    local major
    major=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [[ ${major%%.*} -lt 17 ]]; then
        echo "goldsmith needs Java 17 or newer; 'java' on PATH is Java $major" >&2
        exit 1
    fi
}
