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
		exec sudo --preserve-env=CI,ESTATE_PG_MAJOR,ESTATE_FUZZ_SECONDS,ESTATE_RECV_INPUTS,ESTATE_FAULT_RUNS,ESTATE_FAULT_SEED,ESTATE_KEEP,ESTATE_SANDBOX,ESTATE_VERSIONS_CACHE,ESTATE_DEBIAN_MIRROR "$0" "$@"
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
		# Copied over, not replaced: other extensions installed into the
		# sandbox (Citus, for test/citus/run) survive a rebuild.
		local d
		for d in lib share; do
			mkdir -p "$ESTATE_SANDBOX/usr/$d/postgresql/$PG_MAJOR"
			cp -a "/usr/$d/postgresql/$PG_MAJOR/." "$ESTATE_SANDBOX/usr/$d/postgresql/$PG_MAJOR/"
		done
	fi
	make -C "$ESTATE_ROOT" -s PG_CONFIG="$PG_CONFIG" DESTDIR="$ESTATE_SANDBOX" install >/dev/null
}

# The first loopback port from $1 (default 54320) that nothing listens on.
estate_free_port() {
	local port=${1:-54320}
	while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
	echo "$port"
}

# Clusters live in a fresh temporary directory, owned by the postgres user
# (the server refuses to run as root).  Clients run as root and reach a node
# via the socket in that directory or on its loopback port.  Every node is
# stopped and the directory removed on exit.
estate_tmp_create() {
	ESTATE_TMP=$(mktemp -d /tmp/estate.XXXXXX)
	export ESTATE_TMP
	chown postgres: "$ESTATE_TMP"
	trap estate_cluster_stop EXIT
}

# Start node NAME ($ESTATE_TMP/NAME, log NAME.log) on the first free port at
# or above $2; extra server options in $3.  Prints the port.  A port found
# free can be taken by another process before the server binds it: on
# "Address already in use", move on to the next port.
estate_node_start() {
	local name=$1 port=$2 opts=${3:-} tries=0
	runuser -u postgres -- "$PG_BIN/initdb" -D "$ESTATE_TMP/$name" -A trust -U postgres \
		-E UTF8 --no-locale --no-sync >"$ESTATE_TMP/$name-initdb.log" 2>&1 \
		|| { cat "$ESTATE_TMP/$name-initdb.log" >&2; exit 1; }
	while :; do
		port=$(estate_free_port "$port")
		rm -f "$ESTATE_TMP/$name.log"
		runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$ESTATE_TMP/$name" -l "$ESTATE_TMP/$name.log" -w \
			-o "-p $port -k $ESTATE_TMP -c listen_addresses=127.0.0.1 -c fsync=off -c max_worker_processes=16 $opts" \
			start >/dev/null && break
		tries=$((tries + 1))
		if ! grep -q 'Address already in use' "$ESTATE_TMP/$name.log" || [ "$tries" -ge 20 ]; then
			cat "$ESTATE_TMP/$name.log" >&2
			exit 1
		fi
		port=$((port + 1))
	done
	echo "$port"
}

# One throwaway cluster; PG* variables point clients at it.
estate_cluster_start() {
	estate_tmp_create
	local port
	port=$(estate_node_start server 54320)
	say "started a throwaway cluster in $ESTATE_TMP (port $port)"
	export PGHOST=$ESTATE_TMP PGPORT=$port PGUSER=postgres PGDATABASE=postgres
}

# Is Citus installed in the server's library directory?
estate_citus_installed() {
	[ -e "$("$PG_BIN/pg_config" --pkglibdir)/citus.so" ]
}

# A Citus cluster on loopback: a coordinator and $1 workers (default 2), each
# with citus preloaded (extra server options in $2) and created in database
# postgres, the workers registered with the coordinator.  PG* variables point
# at the coordinator; ESTATE_WORKER_PORTS holds the workers' ports.
estate_citus_start() {
	local workers=${1:-2} opts="-c shared_preload_libraries=citus ${2:-}" port i
	estate_tmp_create
	port=$(estate_node_start coordinator 54320 "$opts")
	export PGHOST=$ESTATE_TMP PGPORT=$port PGUSER=postgres PGDATABASE=postgres
	ESTATE_WORKER_PORTS=()
	for ((i = 1; i <= workers; i++)); do
		port=$(estate_node_start "worker$i" $((port + 1)) "$opts")
		ESTATE_WORKER_PORTS+=("$port")
	done
	for port in "$PGPORT" "${ESTATE_WORKER_PORTS[@]}"; do
		estate_psql -p "$port" -c 'CREATE EXTENSION citus'
	done
	estate_psql -c "SELECT citus_set_coordinator_host('127.0.0.1', $PGPORT)" >/dev/null
	for port in "${ESTATE_WORKER_PORTS[@]}"; do
		estate_psql -c "SELECT citus_add_node('127.0.0.1', $port)" >/dev/null
	done
}

estate_cluster_stop() {
	local rc=$? d
	if [ -n "${ESTATE_TMP:-}" ] && [ -d "$ESTATE_TMP" ]; then
		for d in "$ESTATE_TMP"/*/PG_VERSION; do
			[ -e "$d" ] || continue
			runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$(dirname "$d")" -m fast -w stop >/dev/null 2>&1 || true
		done
		if [ -n "${ESTATE_KEEP:-}" ]; then
			echo "kept $ESTATE_TMP"
		else
			rm -rf "$ESTATE_TMP"
		fi
	fi
	exit $rc
}

# make TARGET... as a user who is neither root nor the checkout's owner (the
# unprivileged postgres user), as a user of a packaged server would: in the
# checkout when that user can read it, else in a copy of it under $ESTATE_TMP.
# The PG* variables point it at the cluster; output goes under $ESTATE_TMP.
estate_as_user_make() {
	local dir=$ESTATE_ROOT
	if ! runuser -u postgres -- test -r "$dir/Makefile" -a -x "$dir/test/sql"; then
		dir=$ESTATE_TMP/checkout
		if [ ! -d "$dir" ]; then
			cp -a "$ESTATE_ROOT" "$dir"
			chown -R postgres: "$dir"
		fi
	fi
	runuser -u postgres -- env PATH="$PG_BIN:$PATH" PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
		TMPDIR="$ESTATE_TMP" make -s -C "$dir" PG_CONFIG="$PG_BIN/pg_config" "$@"
}

estate_psql() {
	"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"
}

# Load the shipped ERIC years (data/eric) with bin/estate-load-eric and the
# trust -> ICS mapping (data/ods) with bin/estate-load-ics into database $1,
# which has the extension: what the demo and the dashboard read.
estate_load_shipped() {
	local db=$1 year kind
	say "loading the shipped ERIC years (data/eric) and the trust -> ICS mapping (data/ods) into $db"
	for year in 2013-14 2014-15 2015-16; do
		for kind in site trust; do
			# Without the list of headers each file keeps in other_items (a
			# NOTICE of up to 50 lines a file; docs/eric.md shows one).
			PGOPTIONS="-c client_min_messages=warning" PATH="$PG_BIN:$PATH" "$ESTATE_ROOT/bin/estate-load-eric" \
				-d "$db" --year "${year/-//}" --kind $kind "$ESTATE_ROOT/data/eric/eric_${year}_$kind.csv"
		done
	done
	PATH="$PG_BIN:$PATH" "$ESTATE_ROOT/bin/estate-load-ics" -d "$db" "$ESTATE_ROOT/data/ods/etr.csv" \
		"$ESTATE_ROOT/data/ods/succ.csv" "$ESTATE_ROOT/data/ods/icb_names_codes_dec_2024.csv"
	# Statistics now, not when autovacuum gets round to it: planned without
	# them, estate.year_on_year ran for over 19 minutes on a fresh cluster.
	estate_psql -d "$db" -c ANALYZE
}

# Node.js for the dashboard (dashboard/): the machine's node if it is 18 or
# later, else Debian's nodejs and npm.  Debian's chromium is the browser
# (playwright-core drives it; it downloads none).
estate_dashboard_packages() {
	local major
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	[ "$major" -ge 18 ] && command -v npm >/dev/null || estate_packages nodejs npm
	estate_packages chromium
}

# Install the dashboard's pinned packages (dashboard/package-lock.json) from
# the npm registry into dashboard/node_modules; npm's own cache (~/.npm)
# spares the downloads on a second run.
estate_dashboard_npm_ci() {
	(cd "$ESTATE_ROOT/dashboard" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
}
