# tools/lib.sh - the set-up shared by tools/demo and test/run: install the
# Debian packages that are missing, build and install the extension, and run a
# throwaway PostgreSQL cluster as an unprivileged user.  Sourced, not run.

set -euo pipefail

ESTATE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_MAJOR=${ESTATE_PG_MAJOR:-15}
PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
# ESTATE_SANDBOX=DIR installs into a private copy of the server's tree instead
# of the system one (PostgreSQL finds its files relative to its binaries), so
# several checkouts can be built and tested side by side.
ESTATE_SANDBOX=${ESTATE_SANDBOX:-}
PG_BIN=${ESTATE_SANDBOX:+$ESTATE_SANDBOX}/usr/lib/postgresql/$PG_MAJOR/bin

say() { printf '\n== %s\n' "$*"; }

# PostgreSQL's packages and `make install` need root; re-run through sudo.
estate_require_root() {
	if [ "$(id -u)" -ne 0 ]; then
		command -v sudo >/dev/null || { echo "run this as root (sudo is not installed)" >&2; exit 1; }
		exec sudo --preserve-env=CI,ESTATE_PG_MAJOR,ESTATE_FUZZ_SECONDS,ESTATE_RECV_INPUTS,ESTATE_KEEP,ESTATE_SANDBOX "$0" "$@"
	fi
}

# Install each named Debian package that is not installed yet.
estate_packages() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	say "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq "${missing[@]}" >/dev/null
}

estate_base_packages() {
	estate_packages build-essential "postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR"
}

# Build (extra compiler flags in $1) and install into the server's directories.
estate_build_install() {
	say "building estate for PostgreSQL $PG_MAJOR"
	make -C "$ESTATE_ROOT" -s PG_CONFIG="$PG_CONFIG" COPT="${1:-}"
	if [ -n "$ESTATE_SANDBOX" ]; then
		local d
		for d in lib share; do
			mkdir -p "$ESTATE_SANDBOX/usr/$d/postgresql"
			rm -rf "$ESTATE_SANDBOX/usr/$d/postgresql/$PG_MAJOR"
			cp -a "/usr/$d/postgresql/$PG_MAJOR" "$ESTATE_SANDBOX/usr/$d/postgresql/"
		done
	fi
	make -C "$ESTATE_ROOT" -s PG_CONFIG="$PG_CONFIG" DESTDIR="$ESTATE_SANDBOX" install >/dev/null
}

# Start a cluster in a fresh temporary directory, owned by the postgres user
# (the server refuses to run as root).  Clients run as root and reach it via
# the socket in that directory and on a free loopback port; PG* variables
# point them there.  The cluster is stopped and removed on exit.
estate_cluster_start() {
	ESTATE_TMP=$(mktemp -d /tmp/estate.XXXXXX)
	chown postgres: "$ESTATE_TMP"
	trap estate_cluster_stop EXIT
	runuser -u postgres -- "$PG_BIN/initdb" -D "$ESTATE_TMP/data" -A trust -U postgres \
		-E UTF8 --no-locale --no-sync >"$ESTATE_TMP/initdb.log" 2>&1 \
		|| { cat "$ESTATE_TMP/initdb.log"; exit 1; }
	# A port found free can be taken by another process before the server
	# binds it: on "Address already in use", move on to the next port.
	local port=54320 tries=0
	while :; do
		while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
		say "starting a throwaway cluster in $ESTATE_TMP (port $port)"
		rm -f "$ESTATE_TMP/server.log"
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/data" -l "$ESTATE_TMP/server.log" -w \
			-o "-p $port -k $ESTATE_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_worker_processes=16" \
			start >/dev/null && break
		tries=$((tries + 1))
		if ! grep -q 'Address already in use' "$ESTATE_TMP/server.log" || [ "$tries" -ge 20 ]; then
			cat "$ESTATE_TMP/server.log"
			exit 1
		fi
		port=$((port + 1))
	done
	export PGHOST=$ESTATE_TMP PGPORT=$port PGUSER=postgres PGDATABASE=postgres
}

estate_cluster_stop() {
	local rc=$?
	if [ -n "${ESTATE_TMP:-}" ] && [ -d "$ESTATE_TMP" ]; then
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/data" -m fast -w stop >/dev/null 2>&1 || true
		if [ -n "${ESTATE_KEEP:-}" ]; then
			echo "kept $ESTATE_TMP"
		else
			rm -rf "$ESTATE_TMP"
		fi
	fi
	exit $rc
}

estate_psql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}
