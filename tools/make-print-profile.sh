#!/bin/sh
# Recompute profiles/FOGRA39-300-makedocs.icc from Fogra's FOGRA39 characterisation data.
# Needs Debian's argyll and icc-profiles-free (only to remake the profile, never to build).
# The result differs from the committed file only if ArgyllCMS changed; see
# profiles/licenses/FOGRA39-300-makedocs.txt for where the data comes from and its licence.
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/FOGRA39L-makedocs.ti3"
# -qm medium tables; -nc no measurement data inside; -kp black generation: none up to 10%,
# then rising to full black; -l300 total ink limit; -L98 black limit; perceptual table mapped
# from the sRGB gamut (-S) for a monitor in a typical room (-cmt) to a print viewed as usual (-dpp).
colprof -qm -nc -kp 0 0.1 0.9 1 1 -l300 -L98 \
  -S /usr/share/color/argyll/ref/sRGB.icm -cmt -dpp \
  -A "makedocs" -M "FOGRA39 offset, coated paper" \
  -D "FOGRA39 coated 300% (makedocs)" \
  -C "Computed for makedocs with ArgyllCMS colprof from the FOGRA39L characterisation data (Fogra; zlib licence, Kai-Uwe Behrmann). Zlib licence." \
  "$work/FOGRA39L-makedocs"
cp "$work/FOGRA39L-makedocs.icc" "$(dirname "$0")/../profiles/FOGRA39-300-makedocs.icc"
