#!/bin/sh
# Install the Debian/Ubuntu packages mps_planner needs, only those that are missing.
# Usage: scripts/install_os_deps.sh pkg [pkg ...]
# Prints nothing and installs nothing when everything is already there.
missing=""
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)
    case "$status" in
        *"install ok installed"*) ;;
        *) missing="$missing $pkg" ;;
    esac
done
[ -z "$missing" ] && exit 0

echo "mps_planner: missing OS packages:$missing"
if ! command -v apt-get >/dev/null 2>&1; then
    echo "mps_planner: this is not a Debian/Ubuntu system (no apt-get)." >&2
    echo "Install QGIS 3.22 or newer with its Python bindings, SciPy, Qt's lrelease and xvfb by hand, then re-run." >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO=sudo
    else
        echo "mps_planner: not root and no password-less sudo. Install them by hand:" >&2
        echo "    sudo apt-get update && sudo apt-get install -y$missing" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing || exit 1
