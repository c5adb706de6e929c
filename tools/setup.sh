# tools/setup.sh: sourced by tools/test and tools/cpvm. Installs what cpvm needs on Debian 12 and
# configures the build directory. Idempotent: a second run does nothing but check.

# Debian packages cpvm builds and tests with; clang-19/llvm-19 build the JIT's stencils.
CPVM_PACKAGES="clang-19 llvm-19 libclang-rt-19-dev meson ninja-build pkg-config python3 libcmocka-dev libcapstone-dev libutf8proc-dev libgmp-dev"

cpvm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Prints the packages of CPVM_PACKAGES that are not installed.
cpvm_missing_packages() {
    local missing="" pkg
    for pkg in $CPVM_PACKAGES; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
    done
    echo "$missing"
}

# Installs missing packages when root; otherwise prints the command and returns 2.
cpvm_install_packages() {
    local missing
    missing=$(cpvm_missing_packages)
    [ -z "$missing" ] && return 0
    local command="apt-get update && apt-get install -y$missing"
    if [ "$(id -u)" != 0 ]; then
        echo "cpvm: missing packages:$missing" >&2
        echo "cpvm: run as root:  $command" >&2
        return 2
    fi
    echo "cpvm: installing:$missing" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >&2 || {
        echo "cpvm: error: '$command' failed" >&2
        return 2
    }
}

# cpvm_configure DIR [MESON OPTIONS...]: sets up DIR once (or reconfigures a broken one).
cpvm_configure() {
    local dir=$1
    shift
    if [ ! -f "$cpvm_root/$dir/build.ninja" ]; then
        rm -rf "${cpvm_root:?}/$dir"
        meson setup "$cpvm_root/$dir" "$cpvm_root" "$@" >"$cpvm_root/$dir.setup.log" 2>&1 || {
            cat "$cpvm_root/$dir.setup.log" >&2
            echo "cpvm: error: meson setup $dir failed" >&2
            return 1
        }
        rm -f "$cpvm_root/$dir.setup.log"
    fi
}
