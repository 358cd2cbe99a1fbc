# Sourced by Scripts/nns and Scripts/test: makes sure the system libraries nns links (libedit-dev,
# libopenblas-dev, libcairo2-dev) and the fonts its pictures use are installed, installing them
# with apt when missing.
nns_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

nns_fail() { echo "nns setup: $*" >&2; exit 1; }

nns_need_packages() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 ||
        nns_fail "missing ${missing[*]} and no apt-get to install them; install them with your package manager"
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 ||
            nns_fail "missing ${missing[*]}; run as root or install sudo (apt-get install ${missing[*]})"
        sudo="sudo"
    fi
    echo "nns setup: installing ${missing[*]} with apt-get" >&2
    # Another install on the machine holds dpkg's lock for a while: wait for it instead of failing.
    local wait=(-o DPkg::Lock::Timeout=600)
    if ! { $sudo apt-get "${wait[@]}" update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait[@]}" install -y -qq "${missing[@]}"; } >&2; then
        nns_fail "apt-get could not install ${missing[*]}; see the messages above"
    fi
}

# What building and running nns needs from Debian: line editing, BLAS, Cairo (with fontconfig and
# libpng) for pictures, and fonts for their labels — DejaVu Sans for Latin, Greek and Cyrillic,
# WenQuanYi Micro Hei for Chinese (Apache-2.0 or GPL-3 with the font exception).
nns_packages=(libedit-dev libopenblas-dev libcairo2-dev pkg-config fonts-dejavu-core fonts-wqy-microhei)

nns_check_swift() {
    command -v swift >/dev/null 2>&1 || nns_fail "the Swift toolchain (swift) is not on PATH; see https://swift.org/install"
}

# Makes sure python3 can import each module, installing the PyPI packages named after the
# modules with pip when one is missing (`nns_need_python_modules onnxruntime safetensors`).
nns_need_python_modules() {
    local missing=()
    for module in "$@"; do
        python3 -c "import $module" >/dev/null 2>&1 || missing+=("$module")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    python3 -m pip --version >/dev/null 2>&1 || nns_need_packages python3-pip
    echo "nns setup: installing ${missing[*]} with pip" >&2
    # Debian's own python3 refuses machine-wide pip installs (PEP 668) unless told otherwise.
    python3 -m pip install --quiet "${missing[@]}" >&2 ||
        python3 -m pip install --quiet --break-system-packages "${missing[@]}" >&2 ||
        nns_fail "pip could not install ${missing[*]}; see the messages above"
}
