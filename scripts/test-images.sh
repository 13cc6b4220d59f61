#!/usr/bin/env bash
# Builds the test images from Debian's busybox-static, without docker, and pushes them with curl to a
# registry through the registry HTTP API (blob upload POST + PUT, manifest PUT).
#   scripts/test-images.sh REGISTRY        e.g. 127.0.0.1:5000 (plain HTTP: loopback only)
# Pushes:
#   busybox:1.36, busybox:latest  (as library/busybox and busybox) an OCI image index (linux/arm64 listed first, then linux/amd64)
#                                 over OCI manifests: one layer, /bin/busybox with its applets
#   navarch/web:1                 a Docker v2 schema 2 manifest: the busybox layer plus a layer with
#                                 /www/index.html, run by busybox httpd on port 80
#   stand-ins, so that manifests from the user's notes run unchanged (they are NOT those images):
#   nginx:1.20.2, nginx:1.17.1, nginx:latest   busybox httpd serving /usr/share/nginx/html on port 80
#                                              (and a /bin/bash that runs busybox sh)
#   alpine:latest, alpine:3.18                 the busybox image
# The build is deterministic (fixed times, owners, order), so digests do not change between runs and
# running it again pushes nothing new. Env: WORK (build folder, default $TMPDIR/navarch-test-images),
# BUSYBOX (default /bin/busybox).
set -euo pipefail

registry="${1:?usage: $0 127.0.0.1:PORT}"
case "$registry" in
  127.*:*|localhost:*) ;;
  *) echo "test-images: $registry is not a loopback registry" >&2; exit 2 ;;
esac
busybox="${BUSYBOX:-/bin/busybox}"
work="${WORK:-${TMPDIR:-/tmp}/navarch-test-images}"
if [ ! -x "$busybox" ]; then
  echo "test-images: no $busybox (install the busybox-static package: scripts/setup.sh --test)" >&2
  exit 1
fi
base="http://$registry"
mkdir -p "$work/blobs"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
# Stores a file as a blob and prints its hex digest.
blob() { local d; d="$(sha "$1")"; cp "$1" "$work/blobs/$d"; echo "$d"; }
# A layer from a folder: prints "diffID digest size" (tar digest, tar.gz digest, tar.gz size).
layer() {
  local src="$1" name="$2" diff gz
  (cd "$src" && tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
    -cf "$work/$name.tar" -- *)
  diff="$(sha "$work/$name.tar")"
  gzip -n -9 -c "$work/$name.tar" >"$work/$name.tar.gz"
  gz="$(blob "$work/$name.tar.gz")"
  echo "$diff $gz $(size "$work/$name.tar.gz")"
}

# --- the busybox root filesystem ---
root="$work/busybox-rootfs"
rm -rf "$root"
mkdir -p "$root"/{bin,etc,home,root,tmp,var/www,usr/bin,usr/sbin,sbin}
cp "$busybox" "$root/bin/busybox"
chmod 0755 "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
ln -sf ../../bin/env "$root/usr/bin/env"
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
daemon:x:1:
www-data:x:33:
nogroup:x:65534:
EOF
chmod 1777 "$root/tmp"
chmod 0700 "$root/root"
find "$root" -exec touch -h -d @0 {} +
read -r bb_diff bb_digest bb_size < <(layer "$root" busybox-layer)

# --- the web layer ---
webroot="$work/web-layer"
rm -rf "$webroot"
mkdir -p "$webroot/www"
printf '<html><body><h1>navarch web</h1></body></html>\n' >"$webroot/www/index.html"
find "$webroot" -exec touch -h -d @0 {} +
read -r web_diff web_digest web_size < <(layer "$webroot" web-layer)

# --- the nginx stand-in layer ---
ngxroot="$work/nginx-layer"
rm -rf "$ngxroot"
mkdir -p "$ngxroot/usr/share/nginx/html" "$ngxroot/bin"
# nginx's image is Debian-based and has bash; the notes run `/bin/bash -c …` in it.
printf '#!/bin/sh\nexec /bin/sh "$@"\n' >"$ngxroot/bin/bash"
chmod 0755 "$ngxroot/bin/bash"
printf '<html><body><h1>navarch nginx stand-in</h1></body></html>\n' >"$ngxroot/usr/share/nginx/html/index.html"
find "$ngxroot" -exec touch -h -d @0 {} +
read -r ngx_diff ngx_digest ngx_size < <(layer "$ngxroot" nginx-layer)

path_env='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
# image_config ARCH CONFIG-JSON DIFF_IDS-JSON → file name of the config blob
image_config() {
  local f="$work/config-$1-$(echo "$2" | sha256sum | cut -c1-12).json"
  printf '{"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z","config":%s,"rootfs":{"type":"layers","diff_ids":%s},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"navarch scripts/test-images.sh"}]}' \
    "$1" "$2" "$3" >"$f"
  echo "$f"
}
# manifest KIND CONFIG-FILE LAYERS-JSON → manifest file (KIND: oci | docker)
manifest() {
  local kind="$1" cfg="$2" layers="$3" f="$work/manifest-$(basename "$2" .json).json" d mt cmt
  d="$(blob "$cfg")"
  if [ "$kind" = oci ]; then
    mt=application/vnd.oci.image.manifest.v1+json; cmt=application/vnd.oci.image.config.v1+json
  else
    mt=application/vnd.docker.distribution.manifest.v2+json; cmt=application/vnd.docker.container.image.v1+json
  fi
  printf '{"schemaVersion":2,"mediaType":"%s","config":{"mediaType":"%s","digest":"sha256:%s","size":%s},"layers":%s}' \
    "$mt" "$cmt" "$d" "$(size "$cfg")" "$layers" >"$f"
  echo "$f"
}

oci_layer() { printf '{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}' "$1" "$2"; }
docker_layer() { printf '{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"sha256:%s","size":%s}' "$1" "$2"; }

bb_cfg_body="{\"Env\":[\"$path_env\"],\"Cmd\":[\"sh\"]}"
bb_amd64="$(manifest oci "$(image_config amd64 "$bb_cfg_body" "[\"sha256:$bb_diff\"]")" "[$(oci_layer "$bb_digest" "$bb_size")]")"
bb_arm64="$(manifest oci "$(image_config arm64 "$bb_cfg_body" "[\"sha256:$bb_diff\"]")" "[$(oci_layer "$bb_digest" "$bb_size")]")"
bb_index="$work/busybox-index.json"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"platform":{"architecture":"amd64","os":"linux"}}]}' \
  "$(sha "$bb_arm64")" "$(size "$bb_arm64")" "$(sha "$bb_amd64")" "$(size "$bb_amd64")" >"$bb_index"

web_cfg_body="{\"Env\":[\"$path_env\"],\"Cmd\":[\"httpd\",\"-f\",\"-v\",\"-p\",\"80\",\"-h\",\"/www\"],\"ExposedPorts\":{\"80/tcp\":{}},\"WorkingDir\":\"/www\"}"
web_manifest="$(manifest docker "$(image_config amd64 "$web_cfg_body" "[\"sha256:$bb_diff\",\"sha256:$web_diff\"]")" \
  "[$(docker_layer "$bb_digest" "$bb_size"),$(docker_layer "$web_digest" "$web_size")]")"

ngx_cfg_body="{\"Env\":[\"$path_env\"],\"Cmd\":[\"httpd\",\"-f\",\"-p\",\"80\",\"-h\",\"/usr/share/nginx/html\"],\"ExposedPorts\":{\"80/tcp\":{}}}"
ngx_manifest="$(manifest oci "$(image_config amd64 "$ngx_cfg_body" "[\"sha256:$bb_diff\",\"sha256:$ngx_diff\"]")" \
  "[$(oci_layer "$bb_digest" "$bb_size"),$(oci_layer "$ngx_digest" "$ngx_size")]")"

# --- push ---
push_blob() { # REPO HEX
  local repo="$1" hex="$2" loc
  if curl -fs -o /dev/null -I "$base/v2/$repo/blobs/sha256:$hex"; then return 0; fi
  loc="$(curl -fsS -X POST -D - -o /dev/null "$base/v2/$repo/blobs/uploads/" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')"
  [ -n "$loc" ] || { echo "test-images: no upload location for $repo" >&2; exit 1; }
  case "$loc" in http*) ;; *) loc="$base$loc" ;; esac
  case "$loc" in *\?*) loc="$loc&digest=sha256:$hex" ;; *) loc="$loc?digest=sha256:$hex" ;; esac
  curl -fsS -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$work/blobs/$hex" -o /dev/null "$loc"
}
push_manifest() { # REPO REF FILE MEDIATYPE
  curl -fsS -X PUT -H "Content-Type: $4" --data-binary "@$3" -o /dev/null "$base/v2/$1/manifests/$2"
}
cfg_of() { sed -n 's/.*"config":{[^}]*"digest":"sha256:\([0-9a-f]*\)".*/\1/p' "$1"; }

# library/busybox is what busybox:1.36 means through a docker.io mirror; busybox serves 127.0.0.1:PORT/busybox.
for repo in library/busybox busybox; do
  for m in "$bb_amd64" "$bb_arm64"; do
    push_blob "$repo" "$bb_digest"
    push_blob "$repo" "$(cfg_of "$m")"
    push_manifest "$repo" "sha256:$(sha "$m")" "$m" application/vnd.oci.image.manifest.v1+json
  done
  for tag in 1.36 latest; do
    push_manifest "$repo" "$tag" "$bb_index" application/vnd.oci.image.index.v1+json
  done
done
for m in "$bb_amd64" "$bb_arm64"; do
  push_blob library/alpine "$bb_digest"
  push_blob library/alpine "$(cfg_of "$m")"
  push_manifest library/alpine "sha256:$(sha "$m")" "$m" application/vnd.oci.image.manifest.v1+json
done
for tag in latest 3.18; do push_manifest library/alpine "$tag" "$bb_index" application/vnd.oci.image.index.v1+json; done
push_blob library/nginx "$bb_digest"
push_blob library/nginx "$ngx_digest"
push_blob library/nginx "$(cfg_of "$ngx_manifest")"
for tag in 1.20.2 1.17.1 latest; do push_manifest library/nginx "$tag" "$ngx_manifest" application/vnd.oci.image.manifest.v1+json; done
push_blob navarch/web "$bb_digest"
push_blob navarch/web "$web_digest"
push_blob navarch/web "$(cfg_of "$web_manifest")"
push_manifest navarch/web 1 "$web_manifest" application/vnd.docker.distribution.manifest.v2+json

echo "busybox:1.36 busybox:latest sha256:$(sha "$bb_index") (index; linux/amd64 sha256:$(sha "$bb_amd64"))"
echo "navarch/web:1 sha256:$(sha "$web_manifest")"
echo "nginx:1.20.2 nginx:1.17.1 nginx:latest (stand-in) sha256:$(sha "$ngx_manifest"); alpine:latest alpine:3.18 (busybox)"
