#!/usr/bin/env bash
# Installs the Debian packages that notebooks/run-notebook.sh needs (nbconvert with its notebook client,
# the IPython kernel, pandas, matplotlib), for Debian's /usr/bin/python3. Does nothing when they are all
# installed already. Usage: notebooks/install-deps.sh
set -euo pipefail

packages=(python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "notebook dependencies already installed: ${packages[*]}"
  exit 0
fi

if ! command -v apt-get >/dev/null; then
  echo "install-deps.sh: needs apt-get (Debian or Ubuntu); install the equivalent of ${missing[*]} by hand" >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "install-deps.sh: must run as root (or with sudo available) to apt-get install ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "installing ${missing[*]} (with their dependencies, about 100 Debian packages on a bare machine)"
start=$SECONDS
"${sudo[@]}" apt-get update -q
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
/usr/bin/python3 -c 'import nbconvert, nbclient, ipykernel, pandas, matplotlib'
echo "notebook dependencies installed in $((SECONDS - start)) s"
