#!/usr/bin/env bash
# Regenerates every icon file in this folder from the SVG masters.
#
#   kiln.svg        master drawing, used for 48 px and up
#   kiln-small.svg  simplified drawing, used for 16, 24 and 32 px
#
# Outputs (all committed, so a build needs no image tools):
#   png/kiln-<size>.png  16 24 32 48 64 128 256 512 1024
#   kiln.ico             Windows, 16 24 32 48 64 128 256
#   kiln.icns            macOS,   16 32 48 128 256 512 1024
#   linux/kiln.png       Linux launcher/desktop icon (= 256 px)
#
# Debian packages used:
#   librsvg2-bin  rsvg-convert  (SVG -> PNG)
#   imagemagick   /usr/bin/convert (PNGs -> .ico); called by full path because
#                 another 'convert' may come first on PATH
#   icnsutils     png2icns (PNGs -> .icns)
# Install: apt-get install -y librsvg2-bin imagemagick icnsutils
#
# Usage: icons/generate.sh   (from anywhere)
set -euo pipefail

cd "$(dirname "$0")"

RSVG=$(command -v rsvg-convert || true)
CONVERT=/usr/bin/convert
PNG2ICNS=$(command -v png2icns || true)

missing=()
[[ -n "$RSVG" ]] || missing+=(librsvg2-bin)
[[ -x "$CONVERT" ]] && "$CONVERT" -version 2>/dev/null | grep -q ImageMagick || missing+=(imagemagick)
[[ -n "$PNG2ICNS" ]] || missing+=(icnsutils)
if ((${#missing[@]})); then
  echo "generate.sh: missing tools; install them with:" >&2
  echo "  apt-get install -y ${missing[*]}" >&2
  exit 1
fi

SMALL_SIZES=(16 24 32)
LARGE_SIZES=(48 64 128 256 512 1024)
ICO_SIZES=(16 24 32 48 64 128 256)
ICNS_SIZES=(16 32 48 128 256 512 1024)

mkdir -p png linux

render() { # svg size
  "$RSVG" --width "$2" --height "$2" --keep-aspect-ratio --format png \
    --output "png/kiln-$2.png" "$1"
}
for s in "${SMALL_SIZES[@]}"; do render kiln-small.svg "$s"; done
for s in "${LARGE_SIZES[@]}"; do render kiln.svg "$s"; done

# Strip timestamps/text chunks so re-running gives byte-identical files.
for s in "${SMALL_SIZES[@]}" "${LARGE_SIZES[@]}"; do
  "$CONVERT" "png/kiln-$s.png" -strip -define png:exclude-chunks=date,time \
    "PNG32:png/kiln-$s.png"
done

ico_inputs=()
for s in "${ICO_SIZES[@]}"; do ico_inputs+=("png/kiln-$s.png"); done
"$CONVERT" "${ico_inputs[@]}" kiln.ico

icns_inputs=()
for s in "${ICNS_SIZES[@]}"; do icns_inputs+=("png/kiln-$s.png"); done
"$PNG2ICNS" kiln.icns "${icns_inputs[@]}" >/dev/null

cp png/kiln-256.png linux/kiln.png

echo "generated:"
ls -l png/*.png kiln.ico kiln.icns linux/kiln.png | awk '{printf "  %8d  %s\n", $5, $NF}'
