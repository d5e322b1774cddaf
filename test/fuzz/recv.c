/*
 * recv.c - random binary input to the receive function of every estate type,
 * through a server (libpq), printing TAP.
 *
 *   build/recv ITERATIONS SEED SEEDS_FILE     (connection from the PG* variables)
 *
 * The types are read from the catalogue (every base type of the extension),
 * so a new type without seeds fails.  SEEDS_FILE has lines "type<TAB>text
 * value", or "type<TAB>\\xHEX" for a wire form given as bytes (an older
 * version's, which the send function no longer writes); the wire form of
 * each seed (the type's send function, or those bytes) is mutated:
 * truncated, extended, bits flipped, bytes and 4- and 8-byte fields set to
 * boundary values, or replaced by random bytes.  Each input is bound as a
 * binary parameter of that type, so the type's receive function reads it.
 * The contract, checked for every input:
 *   - rejected: SQLSTATE 22P03, never another code, and the server lives;
 *   - accepted: the value is sound, i.e. its text form reads back (through
 *     the validating text input) as the same value, and its wire form reads
 *     back as itself;
 *   - an accepted aggregate state also goes through the final functions of
 *     the aggregates over it, alone and combined with itself (as a
 *     distributed plan would): they may refuse it only with a data exception
 *     (class 22), never crash or fail otherwise.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#define MAX_SEEDS 64
#define MAX_INPUT 4096

typedef struct seed
{
	unsigned char *bytes;
	int			len;
} seed;

typedef struct estate_type
{
	char		oid[16];
	char		name[128];
	char		finalfn[4][256];	/* of the aggregates whose state it is */
	int			nfinal;
	char		combinefn[256];
	seed		seeds[MAX_SEEDS];
	int			nseeds;
} estate_type;

static PGconn *conn;
static uint64_t rng;
static int	test_no;
static int	failed;

static uint64_t
next_random(void)
{
	/* xorshift64*: enough for mutations, and reproducible from the seed */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static int
below(int n)
{
	return n > 0 ? (int) (next_random() % (uint64_t) n) : 0;
}

static void
tap(int pass, const char *fmt,...)
{
	va_list		ap;

	printf("%s %d - ", pass ? "ok" : "not ok", ++test_no);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!pass)
		failed++;
}

static void
print_hex(const unsigned char *b, int len)
{
	printf("#   input (%d bytes): ", len);
	for (int i = 0; i < len && i < 256; i++)
		printf("%02x", b[i]);
	printf(len > 256 ? "...\n" : "\n");
}

static void
bail(const char *why)
{
	printf("Bail out! %s: %s\n", why, PQerrorMessage(conn));
	exit(1);
}

/* SELECT query with one parameter of type oid (text or binary), results in binary. */
static PGresult *
run1(const char *query, const char *oid, const char *value, int len, int binary)
{
	Oid			types[1] = {(Oid) strtoul(oid, NULL, 10)};
	const char *values[1] = {value};
	int			lengths[1] = {len};
	int			formats[1] = {binary};

	return PQexecParams(conn, query, 1, types, values, lengths, formats, 1);
}

static void
load_types(estate_type **types, int *ntypes)
{
	PGresult   *r = PQexec(conn,
						   "SELECT t.oid, t.oid::regtype::text, "
						   "       coalesce((SELECT string_agg(DISTINCT a.aggfinalfn::regproc::text, ' ') FROM pg_aggregate a"
						   "                 WHERE a.aggtranstype = t.oid AND a.aggfinalfn <> 0), ''),"
						   "       coalesce((SELECT a.aggcombinefn::regproc::text FROM pg_aggregate a"
						   "                 WHERE a.aggtranstype = t.oid AND a.aggcombinefn <> 0 LIMIT 1), '')"
						   " FROM pg_type t JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid"
						   " WHERE d.deptype = 'e' AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'estate')"
						   "   AND t.typtype = 'b' AND t.typreceive <> 0 ORDER BY t.typname");

	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) == 0)
		bail("cannot list the extension's types");
	*ntypes = PQntuples(r);
	*types = calloc(*ntypes, sizeof(estate_type));
	for (int i = 0; i < *ntypes; i++)
	{
		snprintf((*types)[i].oid, sizeof((*types)[i].oid), "%s", PQgetvalue(r, i, 0));
		snprintf((*types)[i].name, sizeof((*types)[i].name), "%s", PQgetvalue(r, i, 1));
		char		finals[1024];

		snprintf(finals, sizeof(finals), "%s", PQgetvalue(r, i, 2));
		for (char *fn = strtok(finals, " "); fn != NULL && (*types)[i].nfinal < 4; fn = strtok(NULL, " "))
			snprintf((*types)[i].finalfn[(*types)[i].nfinal++], sizeof((*types)[i].finalfn[0]), "%s", fn);
		snprintf((*types)[i].combinefn, sizeof((*types)[i].combinefn), "%s", PQgetvalue(r, i, 3));
	}
	PQclear(r);
}

/* Each line "type<TAB>value": the value's wire form becomes a seed of that type. */
static int
hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static void
load_seeds(const char *path, estate_type *types, int ntypes)
{
	FILE	   *f = fopen(path, "r");
	char		line[8192];

	if (f == NULL)
	{
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	while (fgets(line, sizeof(line), f))
	{
		char	   *tab = strchr(line, '\t');
		char		query[256];
		PGresult   *r;
		estate_type *t = NULL;

		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || tab == NULL)
			continue;
		*tab = '\0';
		for (int i = 0; i < ntypes; i++)
			if (strcmp(types[i].name, line) == 0)
				t = &types[i];
		if (t == NULL || t->nseeds == MAX_SEEDS)
		{
			tap(0, "seed of %s: no such type of the extension, or too many seeds", line);
			continue;
		}
		if (strncmp(tab + 1, "\\x", 2) == 0)
		{
			/* Bytes as given: they must read, as a seed read from text does. */
			const char *h = tab + 3;
			seed	   *s = &t->seeds[t->nseeds];
			int			n = (int) strlen(h) / 2;

			s->bytes = malloc(n + 1);
			s->len = n;
			for (int i = 0; i < n; i++)
				s->bytes[i] = (unsigned char) (hex_digit(h[2 * i]) * 16 + hex_digit(h[2 * i + 1]));
			snprintf(query, sizeof(query), "SELECT $1::%s", t->name);
			r = run1(query, t->oid, (const char *) s->bytes, n, 1);
			if (strlen(h) % 2 != 0 || strspn(h, "0123456789abcdef") != strlen(h) ||
				PQresultStatus(r) != PGRES_TUPLES_OK)
				tap(0, "seed %s '%s' reads: %s", t->name, tab + 1, PQresultErrorMessage(r));
			else
				t->nseeds++;
			PQclear(r);
			continue;
		}
		snprintf(query, sizeof(query), "SELECT $1::text::%s", t->name);
		r = PQexecParams(conn, query, 1, NULL, (const char *[]) {tab + 1}, NULL, NULL, 1);
		if (PQresultStatus(r) != PGRES_TUPLES_OK)
			tap(0, "seed %s '%s' reads: %s", t->name, tab + 1, PQresultErrorMessage(r));
		else
		{
			seed	   *s = &t->seeds[t->nseeds++];

			s->len = PQgetlength(r, 0, 0);
			s->bytes = malloc(s->len + 1);
			memcpy(s->bytes, PQgetvalue(r, 0, 0), s->len);
		}
		PQclear(r);
	}
	fclose(f);
}

static const uint64_t boundary[] = {
	0, 1, 2, 0x7f, 0x80, 0xff, 100, 101, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000ULL,
	0xffffffffULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
	0xc000, 0xd000, 0xf000, 0x4000, 9999, 10000
};

static void
put_be(unsigned char *p, uint64_t v, int width)
{
	for (int i = width - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char) v;
}

/* One to three mutations of a seed into buf; returns the length. */
static int
mutate(const seed *s, unsigned char *buf)
{
	int			len = s->len;
	int			rounds = 1 + below(3);

	memcpy(buf, s->bytes, len);
	for (int m = 0; m < rounds; m++)
	{
		switch (below(8))
		{
			case 0:				/* truncate */
				len = below(len + 1);
				break;
			case 1:				/* extend with random bytes */
				{
					int			extra = 1 + below(16);

					for (int i = 0; i < extra && len < MAX_INPUT; i++)
						buf[len++] = (unsigned char) next_random();
				}
				break;
			case 2:				/* flip a bit */
				if (len > 0)
					buf[below(len)] ^= (unsigned char) (1 << below(8));
				break;
			case 3:				/* a byte to a boundary value */
				if (len > 0)
					buf[below(len)] = (unsigned char) boundary[below(6)];
				break;
			case 4:				/* a 2-, 4- or 8-byte field to a boundary value */
			case 5:
				{
					int			width = 2 << below(3);

					if (len >= width)
						put_be(buf + below(len - width + 1),
							   boundary[below((int) (sizeof(boundary) / sizeof(boundary[0])))], width);
				}
				break;
			case 6:				/* a random byte */
				if (len > 0)
					buf[below(len)] = (unsigned char) next_random();
				break;
			default:			/* nothing of the seed: random bytes */
				len = below(64);
				for (int i = 0; i < len; i++)
					buf[i] = (unsigned char) next_random();
				break;
		}
	}
	return len;
}

static int
sqlstate_is(const PGresult *r, const char *prefix)
{
	const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

	return state != NULL && strncmp(state, prefix, strlen(prefix)) == 0;
}

static void
alive_or_bail(const unsigned char *input, int len)
{
	if (PQstatus(conn) != CONNECTION_OK)
	{
		print_hex(input, len);
		bail("the server connection was lost");
	}
}

/*
 * Runs query (one parameter, the received state) and says whether it behaved:
 * a result, or an error of class 22 (data exception), the only ways a support
 * function may answer a state it did not make.
 */
static int
support_call(const estate_type *t, const char *query, const unsigned char *state, int len)
{
	PGresult   *r = run1(query, t->oid, (const char *) state, len, 1);
	int			good;

	alive_or_bail(state, len);
	good = PQresultStatus(r) == PGRES_TUPLES_OK || sqlstate_is(r, "22");
	if (!good)
	{
		printf("# %s\n#   on an accepted %s: %s", query, t->name, PQresultErrorMessage(r));
		print_hex(state, len);
	}
	PQclear(r);
	return good;
}

/*
 * The checks of an aggregate state: each final function on it, and on the
 * state combined with itself.  Combine functions work only inside an
 * aggregate, so they run as the transition of a temporary aggregate, as a
 * coordinator combining workers' states does.
 */
static int
state_checks(const estate_type *t, int index, const unsigned char *state, int len)
{
	char		query[1024];
	int			bad = 0;

	for (int f = 0; f < t->nfinal; f++)
	{
		snprintf(query, sizeof(query), "SELECT %s($1)::text", t->finalfn[f]);
		bad += !support_call(t, query, state, len);
		if (t->combinefn[0])
		{
			snprintf(query, sizeof(query),
					 "SELECT %s(pg_temp.recv_combine_%d(s))::text FROM (VALUES ($1), ($1)) AS v(s)",
					 t->finalfn[f], index);
			bad += !support_call(t, query, state, len);
		}
	}
	if (t->combinefn[0] && t->nfinal == 0)
	{
		snprintf(query, sizeof(query), "SELECT pg_temp.recv_combine_%d(s)::text FROM (VALUES ($1), ($1)) AS v(s)", index);
		bad += !support_call(t, query, state, len);
	}
	return bad;
}

int
main(int argc, char **argv)
{
	long		iterations;
	estate_type *types;
	int			ntypes;
	unsigned char *input = malloc(MAX_INPUT + 64);

	if (argc != 4)
	{
		fprintf(stderr, "usage: %s ITERATIONS SEED SEEDS_FILE\n", argv[0]);
		return 2;
	}
	iterations = atol(argv[1]);
	rng = strtoull(argv[2], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	conn = PQconnectdb("");
	if (PQstatus(conn) != CONNECTION_OK)
		bail("cannot connect");
	/* A value that sends a function into a long loop fails the test instead of hanging it. */
	PQclear(PQexec(conn, "SET statement_timeout = '30s'"));
	load_types(&types, &ntypes);
	for (int ti = 0; ti < ntypes; ti++)
	{
		char		query[1024];
		PGresult   *r;

		if (!types[ti].combinefn[0])
			continue;
		snprintf(query, sizeof(query), "CREATE AGGREGATE pg_temp.recv_combine_%d(%s) (SFUNC = %s, STYPE = %s)",
				 ti, types[ti].name, types[ti].combinefn, types[ti].name);
		r = PQexec(conn, query);
		if (PQresultStatus(r) != PGRES_COMMAND_OK)
			bail("cannot make an aggregate of a combine function");
		PQclear(r);
	}
	load_seeds(argv[3], types, ntypes);
	printf("# seed %s, %ld inputs per type\n", argv[2], iterations);

	for (int ti = 0; ti < ntypes; ti++)
	{
		estate_type *t = &types[ti];
		char		query[512];
		long		accepted = 0,
					rejected = 0,
					wrong = 0,
					support_bad = 0;

		if (t->nseeds == 0)
		{
			tap(0, "%s: no seeds in %s", t->name, argv[3]);
			continue;
		}
		snprintf(query, sizeof(query), "SELECT $1, $1::text::%s", t->name);
		for (long it = 0; it < iterations; it++)
		{
			int			len = mutate(&t->seeds[below(t->nseeds)], input);
			PGresult   *r = run1(query, t->oid, (const char *) input, len, 1);

			alive_or_bail(input, len);
			if (PQresultStatus(r) == PGRES_TUPLES_OK)
			{
				int			n0 = PQgetlength(r, 0, 0);
				const char *v0 = PQgetvalue(r, 0, 0);
				PGresult   *again;

				accepted++;
				/* The text form reads back as the same value ... */
				if (n0 != PQgetlength(r, 0, 1) || memcmp(v0, PQgetvalue(r, 0, 1), n0) != 0)
				{
					wrong++;
					printf("# %s: accepted, but its text form reads back as another value\n", t->name);
					print_hex(input, len);
				}
				/* ... and so does its own wire form. */
				again = run1(query, t->oid, v0, n0, 1);
				alive_or_bail(input, len);
				if (PQresultStatus(again) != PGRES_TUPLES_OK || PQgetlength(again, 0, 0) != n0 ||
					memcmp(PQgetvalue(again, 0, 0), v0, n0) != 0)
				{
					wrong++;
					printf("# %s: accepted, but its wire form does not read back as itself: %s",
						   t->name, PQresultErrorMessage(again));
					print_hex(input, len);
				}
				support_bad += state_checks(t, ti, (const unsigned char *) v0, n0);
				PQclear(again);
			}
			else if (sqlstate_is(r, "22P03"))
				rejected++;
			else
			{
				wrong++;
				printf("# %s: rejected with %s, not 22P03: %s", t->name,
					   PQresultErrorField(r, PG_DIAG_SQLSTATE) ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : "no SQLSTATE",
					   PQresultErrorMessage(r));
				print_hex(input, len);
			}
			PQclear(r);
		}
		tap(wrong == 0 && support_bad == 0,
			"%s: %ld inputs from %d seeds: %ld accepted, %ld rejected with 22P03, %ld wrong%s%s%s",
			t->name, iterations, t->nseeds, accepted, rejected, wrong + support_bad,
			t->nfinal ? "; accepted states finalised, alone and combined, by " : "", t->nfinal ? t->finalfn[0] : "",
			t->nfinal > 1 ? " and the others" : "");
	}
	printf("1..%d\n", test_no);
	PQfinish(conn);
	return failed ? 1 : 0;
}
