#!/usr/bin/env bash
# Takes docs/installer-screenshot.png: the packaged app (the Linux app image that
# `mvn -B verify` or `mvn -B -pl installer -am package -DskipTests` builds) on a virtual
# screen, with one worker started from the bundled runtime that has run the editor's sample.
#
# Needs: apt-get install -y --no-install-recommends xvfb libgtk-3-0 imagemagick xdotool x11-utils
# Every wait is on something seen on the screen, with a time limit. No window manager runs
# under Xvfb, so the window has no title bar to show its icon in: the script prints the
# icon the window announces (_NET_WM_ICON) instead.
set -euo pipefail
cd "$(dirname "$0")/.."

image=installer/target/jpackage/Kiln
out=${1:-docs/installer-screenshot.png}
[ -x "$image/bin/Kiln" ] || { echo "no app image at $image: build it first (mvn -B -pl installer -am package -DskipTests)" >&2; exit 1; }
for tool in xvfb-run xdotool /usr/bin/import /usr/bin/convert; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y --no-install-recommends xvfb libgtk-3-0 imagemagick xdotool x11-utils" >&2; exit 1; }
done

if [ -z "${KILN_SCREENSHOT_INNER:-}" ]; then
    # A display of our own (-a picks a free number), sized like a small laptop screen.
    exec env KILN_SCREENSHOT_INNER=1 xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi

work=$(mktemp -d)
app=
cleanup() {
    if [ -n "$app" ] && kill -0 "$app" 2>/dev/null; then
        xdotool key ctrl+q || true                      # the app's own close path stops its workers
        for _ in $(seq 100); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
        kill "$app" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# $1: crop geometry; prints a measure of how much is drawn there (0 = one flat colour).
drawn() { /usr/bin/import -window root -crop "$1" "$work/c.png" && /usr/bin/convert "$work/c.png" -format '%[fx:standard_deviation]' info:; }
# $1: crop geometry; prints the share of pixels in the output view's stderr red.
red() { /usr/bin/import -window root -crop "$1" "$work/c.png" && /usr/bin/convert "$work/c.png" -fuzz 10% -fill black +opaque '#cf222e' -fill white -opaque '#cf222e' -format '%[fx:mean]' info:; }
# $1: description, $2: tenths of a second, rest: a command that succeeds when done.
wait_for() {
    local what=$1 tenths=$2; shift 2
    for _ in $(seq "$tenths"); do "$@" && return 0; sleep 0.1; done
    echo "timed out waiting for $what" >&2; exit 1
}
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

# A fresh home: default window layout and settings, not the ones of whoever runs this (Java
# takes user.home from the password file, not $HOME). Started in $work so that a JVM crash
# report lands there too.
(cd "$work" && HOME=$work JAVA_TOOL_OPTIONS="-Duser.home=$work" exec "$OLDPWD/$image/bin/Kiln") >"$work/app.log" 2>&1 &
app=$!
wait_for "the Kiln window" 600 xdotool search --onlyvisible --name '^Kiln' >/dev/null
wait_for "the toolbar to be drawn" 300 eval 'gt "$(drawn 160x30+0+0)" 0.05'
xdotool search --onlyvisible --name '^Kiln' | head -1 | xargs -I{} xprop -id {} _NET_WM_ICON | grep -o 'Icon ([0-9]* x [0-9]*)' | head -1 \
    | sed 's/^/window icon set: /' || echo "no window icon set" >&2

xdotool mousemove 70 21 click 1                          # New worker
wait_for "the worker in the list" 300 eval 'gt "$(drawn 300x30+0+72)" 0.05'
xdotool mousemove 600 300 click 1 key ctrl+Return        # run the editor's sample
wait_for "the sample's stderr line in Output" 600 eval 'gt "$(red 340x280+600+490)" 0'
# The result follows its output; wait until the Results view stops changing.
prev=
wait_for "Results to settle" 100 eval '/usr/bin/import -window root -crop 280x250+312+480 "$work/r.png"; h=$(md5sum <"$work/r.png"); [ "$h" = "$prev" ] || { prev=$h; sleep 0.4; false; }'

/usr/bin/import -window root "$out"
echo "wrote $out"
