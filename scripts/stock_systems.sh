#!/usr/bin/env bash
# The README's first command on stock Debian 12 / Ubuntu 24.04 / Debian 13 Pythons, each in a fresh
# debootstrap system (its own python3, no pip, no venv, no uv), then the window under Xvfb.
#
#   sudo scripts/stock_systems.sh [bookworm|noble|trixie ...]     (default: all three; root, debootstrap, xvfb,
#                                                                  x11-utils, imagemagick; about 270 MB per system)
# Results in build/stock/<system>/: setup.log, help.txt, sizes.txt, window.png.
# Ubuntu is fetched from archive.ubuntu.com without signature checking (this Debian host has no Ubuntu keyring).
# A host whose HTTPS goes through an intercepting proxy needs its CA inside the chroot: the CAs in
# /usr/local/share/ca-certificates are copied in, and SSL_CERT_FILE points uv at the system store (stock
# machines need neither).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
systems=("$@"); [ ${#systems[@]} -eq 0 ] && systems=(bookworm noble trixie)
# what a desktop already has for Qt (checked against apt-get -s of task-gnome-desktop / ubuntu-desktop), and
# libxcb-cursor0, which neither installs (the program names it when it is missing)
qtlibs="libegl1 libgl1 libx11-xcb1 libdbus-1-3 libfontconfig1 libfreetype6 libwayland-client0 libwayland-cursor0
  libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1
  libxkbcommon-x11-0 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libbrotli1 fonts-dejavu-core"
for sys in "${systems[@]}"; do
  root=/var/tmp/casereview-stock/$sys; out=$repo/build/stock/$sys; mkdir -p "$out"
  case $sys in
    noble) mirror=http://archive.ubuntu.com/ubuntu; extra=(--no-check-gpg --components=main,universe)
           script=/usr/share/debootstrap/scripts/gutsy; glib=libglib2.0-0t64 ;;
    trixie) mirror=http://deb.debian.org/debian; extra=(); script=""; glib=libglib2.0-0t64 ;;
    *) mirror=http://deb.debian.org/debian; extra=(); script=""; glib=libglib2.0-0 ;;
  esac
  [ -x "$root/usr/bin/python3" ] || debootstrap --variant=minbase "${extra[@]}" --include=python3,ca-certificates \
      "$sys" "$root" "$mirror" $script
  mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
  mkdir -p "$root/tmp/.X11-unix"; mountpoint -q "$root/tmp/.X11-unix" || mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null && \
      chroot "$root" update-ca-certificates >/dev/null || true
  rm -rf "$root/root/casereview"; mkdir -p "$root/root/casereview"
  git ls-files -co --exclude-standard | grep -v '^build/' | tar -cf - -T - | tar -xf - -C "$root/root/casereview"
  run() { chroot "$root" env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            LANG=C.UTF-8 SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt "$@"; }
  run python3 -V > "$out/python.txt"
  start=$(date +%s)
  run sh -c 'cd /root/casereview && python3 scripts/uv.py run casereview --help' >"$out/help.txt" 2>"$out/setup.log"
  echo "first run (download + environment): $(( $(date +%s) - start )) s" > "$out/sizes.txt"
  run sh -c 'du -sm /root/casereview/.venv /root/.cache/uv /root/.cache/casereview; du -smc /root/casereview/.venv /root/.cache | tail -1' >> "$out/sizes.txt"
  chroot "$root" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive chroot "$root" apt-get install -y -q --no-install-recommends $qtlibs $glib libxcb-cursor0 >/dev/null
  display=:$(( 70 + RANDOM % 20 )); Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp & xvfb=$!
  sleep 1
  run env DISPLAY="$display" sh -c 'cd /root/casereview && timeout 300 python3 scripts/uv.py run casereview --db /root/demo.db' \
      >"$out/gui.log" 2>&1 & gui=$!
  for _ in $(seq 1 150); do DISPLAY=$display xwininfo -root -tree | grep -q '案卷评查' && break; sleep 2; done
  sleep 5; DISPLAY=$display import -window root "$out/window.png"
  kill $gui 2>/dev/null || true; kill $xvfb
  umount "$root/tmp/.X11-unix" "$root/proc"
  echo "$sys: $(cat "$out/python.txt"), $(head -1 "$out/help.txt"), window: $out/window.png"
done
