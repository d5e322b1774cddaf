/*
 * investment_plan.c - investment scenarios: the scenario, the forms of the
 * state and of the plan, and the year-by-year simulation.
 */
#include "investment_plan.h"

#include <stdlib.h>

#include "scan.h"

const char *const estate_plan_strategy_names[PLAN_STRATEGY_COUNT] = {
	"highest_risk_first", "strict_risk_order", "most_risk_per_pound"
};

/* ---------------------------------------------------------------------------
 * Big-endian bytes
 * ------------------------------------------------------------------------- */

static unsigned char *
put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char) (v >> 24);
	p[1] = (unsigned char) (v >> 16);
	p[2] = (unsigned char) (v >> 8);
	p[3] = (unsigned char) v;
	return p + 4;
}

static unsigned char *
put_u64(unsigned char *p, uint64_t v)
{
	p = put_u32(p, (uint32_t) (v >> 32));
	return put_u32(p, (uint32_t) v);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return ((uint32_t) p[0] << 24) | ((uint32_t) p[1] << 16) | ((uint32_t) p[2] << 8) | p[3];
}

static uint64_t
get_u64(const unsigned char *p)
{
	return ((uint64_t) get_u32(p) << 32) | get_u32(p + 4);
}

/* A bounded reader: every get fails once the bytes run out. */
typedef struct reader
{
	const unsigned char *p;
	size_t		len;
	size_t		i;
	bool		short_read;
} reader;

static const unsigned char *
take(reader *r, size_t n)
{
	const unsigned char *at;

	if (r->short_read || r->len - r->i < n)
	{
		r->short_read = true;
		return NULL;
	}
	at = r->p + r->i;
	r->i += n;
	return at;
}

static uint8_t
take_u8(reader *r)
{
	const unsigned char *p = take(r, 1);

	return p ? p[0] : 0;
}

static uint32_t
take_u32(reader *r)
{
	const unsigned char *p = take(r, 4);

	return p ? get_u32(p) : 0;
}

static uint64_t
take_u64(reader *r)
{
	const unsigned char *p = take(r, 8);

	return p ? get_u64(p) : 0;
}

/* ---------------------------------------------------------------------------
 * Decimals and exact growth factors
 * ------------------------------------------------------------------------- */

bool
estate_plan_decimal_canonical(const char *s, size_t len, char *buf, size_t *out)
{
	size_t		i = 0;
	size_t		int_start;
	size_t		int_end;
	size_t		frac_start = 0;
	size_t		frac_end = 0;
	bool		negative = false;
	size_t		n = 0;

	if (len > 0 && s[0] == '-')
	{
		negative = true;
		i = 1;
	}
	int_start = i;
	while (i < len && estate_is_digit(s[i]))
		i++;
	int_end = i;
	if (int_end == int_start)
		return false;
	if (i < len)
	{
		if (s[i] != '.')
			return false;
		frac_start = ++i;
		while (i < len && estate_is_digit(s[i]))
			i++;
		frac_end = i;
		if (frac_end == frac_start || i < len)
			return false;
	}
	while (int_start + 1 < int_end && s[int_start] == '0')
		int_start++;
	while (frac_end > frac_start && s[frac_end - 1] == '0')
		frac_end--;
	if (negative && !(int_end - int_start == 1 && s[int_start] == '0' && frac_end == frac_start))
		buf[n++] = '-';
	memcpy(buf + n, s + int_start, int_end - int_start);
	n += int_end - int_start;
	if (frac_end > frac_start)
	{
		buf[n++] = '.';
		memcpy(buf + n, s + frac_start, frac_end - frac_start);
		n += frac_end - frac_start;
	}
	buf[n] = '\0';
	*out = n;
	return true;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?, and not -0: what _canonical writes. */
static bool
is_canonical(const char *s, size_t len)
{
	size_t		i = (len > 0 && s[0] == '-') ? 1 : 0;
	size_t		int_start = i;

	while (i < len && estate_is_digit(s[i]))
		i++;
	if (i == int_start || (s[int_start] == '0' && i - int_start > 1))
		return false;
	if (i == len)
		return !(int_start == 1 && i - int_start == 1 && s[1] == '0');
	if (s[i] != '.' || s[len - 1] == '0')
		return false;
	for (i++; i < len; i++)
		if (!estate_is_digit(s[i]))
			return false;
	return s[len - 1] != '.';
}

/*
 * A non-negative exact decimal: value = sum d[i] * 10000^(i + exp), digits
 * little-endian in base 10000.
 */
typedef struct big
{
	uint32_t   *d;
	int			n;
	int			exp;
	/* The same value as num / 10^scale with num in 64 bits, when it fits:
	 * then a cost is scaled with one 128-bit product and division. */
	bool		small;
	uint64_t	num;
	int			scale;
} big;

#if defined(__SIZEOF_INT128__)
/* Set small, num and scale of b when its value fits them. */
static void
big_set_small(big *b)
{
	unsigned __int128 v = 0;
	int			scale = -4 * b->exp;

	b->small = false;
	if (b->exp > 0)
		return;
	for (int i = b->n - 1; i >= 0; i--)
	{
		if (v > ((unsigned __int128) 1 << 100))
			return;
		v = v * ESTATE_NUMERIC_NBASE + b->d[i];
	}
	while (scale > 0 && v % 10 == 0)
	{
		v /= 10;
		scale--;
	}
	if (scale > 19 || v > UINT64_MAX)
		return;
	b->small = true;
	b->num = (uint64_t) v;
	b->scale = scale;
}
#else
static void
big_set_small(big *b)
{
	b->small = false;
}
#endif

static big
big_alloc(int n, int exp, estate_plan_alloc alloc, void *arg)
{
	big			b;

	b.d = alloc(sizeof(uint32_t) * (size_t) (n > 0 ? n : 1), arg);
	memset(b.d, 0, sizeof(uint32_t) * (size_t) (n > 0 ? n : 1));
	b.n = n;
	b.exp = exp;
	b.small = false;
	return b;
}

/* The magnitude of a canonical decimal. */
static big
big_of_decimal(const char *s, size_t len, estate_plan_alloc alloc, void *arg)
{
	size_t		start = (len > 0 && s[0] == '-') ? 1 : 0;
	size_t		point = start;
	size_t		ndec;
	size_t		nint;
	int			frac_groups;
	int			int_groups;
	big			b;

	while (point < len && s[point] != '.')
		point++;
	nint = point - start;
	ndec = point < len ? len - point - 1 : 0;
	frac_groups = (int) ((ndec + 3) / 4);
	int_groups = (int) ((nint + 3) / 4);
	b = big_alloc(frac_groups + int_groups, -frac_groups, alloc, arg);
	/* Decimal digit j after the point has place 10^-(j+1). */
	for (size_t j = 0; j < ndec; j++)
	{
		int			g = frac_groups - 1 - (int) (j / 4);
		static const uint32_t scale[4] = {1000, 100, 10, 1};

		b.d[g] += (uint32_t) (s[point + 1 + j] - '0') * scale[j % 4];
	}
	for (size_t j = 0; j < nint; j++)
	{
		size_t		place = nint - 1 - j;	/* 10^place */
		static const uint32_t unit[4] = {1, 10, 100, 1000};

		b.d[frac_groups + (int) (place / 4)] += (uint32_t) (s[start + j] - '0') * unit[place % 4];
	}
	return b;
}

static uint32_t
big_digit(const big *b, int place)
{
	int			i = place - b->exp;

	return i >= 0 && i < b->n ? b->d[i] : 0;
}

/* 1 + r or 1 - r (r < 1 when subtracting), exactly. */
static big
big_one_plus(const big *r, bool minus, estate_plan_alloc alloc, void *arg)
{
	int			lo = r->exp < 0 ? r->exp : 0;
	int			hi = r->exp + r->n > 1 ? r->exp + r->n : 1;
	big			b = big_alloc(hi - lo + 1, lo, alloc, arg);
	int64_t		carry = 0;

	for (int place = lo; place <= hi; place++)
	{
		int64_t		v = (place == 0 ? 1 : 0) + carry +
			(minus ? -(int64_t) big_digit(r, place) : (int64_t) big_digit(r, place));

		carry = 0;
		if (v < 0)
		{
			v += ESTATE_NUMERIC_NBASE;
			carry = -1;
		}
		else if (v >= ESTATE_NUMERIC_NBASE)
		{
			v -= ESTATE_NUMERIC_NBASE;
			carry = 1;
		}
		b.d[place - lo] = (uint32_t) v;
	}
	return b;
}

static big
big_mul(const big *a, const big *b, estate_plan_alloc alloc, void *arg)
{
	big			r = big_alloc(a->n + b->n, a->exp + b->exp, alloc, arg);
	uint64_t	carry = 0;

	for (int p = 0; p < r.n; p++)
	{
		uint64_t	sum = carry;
		int			lo = p - (b->n - 1) > 0 ? p - (b->n - 1) : 0;
		int			hi = p < a->n - 1 ? p : a->n - 1;

		for (int i = lo; i <= hi; i++)
			sum += (uint64_t) a->d[i] * b->d[p - i];
		r.d[p] = (uint32_t) (sum % ESTATE_NUMERIC_NBASE);
		carry = sum / ESTATE_NUMERIC_NBASE;
	}
	/* Drop high zero groups so later products stay small. */
	while (r.n > 1 && r.d[r.n - 1] == 0)
		r.n--;
	return r;
}

/*
 * pence x f, rounded half away from zero to the penny (all values are
 * non-negative: up when the first dropped decimal is 5 or more).
 * ESTATE_ERR_RANGE beyond int64.
 */
static estate_status
big_scale_pence(int64_t pence, const big *f, int64_t *out)
{
	uint32_t	a[5];
	int			na = 0;
	uint64_t	carry = 0;
	uint64_t	result = 0;
	uint64_t	scale = 1;
	bool		round_up = false;
	uint64_t	v = (uint64_t) pence;

	if (pence == 0)
	{
		*out = 0;
		return ESTATE_OK;
	}
#if defined(__SIZEOF_INT128__)
	if (f->small)
	{
		static const uint64_t p10[20] = {
			1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
			100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
			10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
			100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL
		};
		unsigned __int128 product = (unsigned __int128) (uint64_t) pence * f->num;
		unsigned __int128 q = product / p10[f->scale];
		uint64_t	r = (uint64_t) (product - q * p10[f->scale]);

		/* Half or more of the last place rounds up: r >= d - r. */
		if (f->scale > 0 && r >= p10[f->scale] - r)
			q++;
		if (q > (unsigned __int128) INT64_MAX)
			return ESTATE_ERR_RANGE;
		*out = (int64_t) q;
		return ESTATE_OK;
	}
#endif
	while (v > 0)
	{
		a[na++] = (uint32_t) (v % ESTATE_NUMERIC_NBASE);
		v /= ESTATE_NUMERIC_NBASE;
	}
	for (int p = 0; p < na + f->n || carry > 0; p++)
	{
		uint64_t	sum = carry;
		int			place = p + f->exp;
		uint32_t	digit;

		for (int i = 0; i < na; i++)
			if (p - i >= 0 && p - i < f->n)
				sum += (uint64_t) a[i] * f->d[p - i];
		digit = (uint32_t) (sum % ESTATE_NUMERIC_NBASE);
		carry = sum / ESTATE_NUMERIC_NBASE;
		if (place == -1)
			round_up = digit >= 5000;
		else if (place >= 0 && digit != 0)
		{
			uint64_t	add;

			if (place >= 5 || (place == 4 && digit >= 923))
				return ESTATE_ERR_RANGE;
			add = (uint64_t) digit * scale;
			if (result > (uint64_t) INT64_MAX - add)
				return ESTATE_ERR_RANGE;
			result += add;
		}
		if (place >= 0)
			scale = place < 4 ? scale * ESTATE_NUMERIC_NBASE : scale;
	}
	if (round_up)
	{
		if (result == (uint64_t) INT64_MAX)
			return ESTATE_ERR_RANGE;
		result++;
	}
	*out = (int64_t) result;
	return ESTATE_OK;
}

/* ---------------------------------------------------------------------------
 * 128-bit helpers for the FCI
 * ------------------------------------------------------------------------- */

typedef struct u128
{
	uint64_t	hi;
	uint64_t	lo;
} u128;

static u128
mul_64(uint64_t a, uint64_t b)
{
	uint64_t	a0 = a & 0xffffffffu, a1 = a >> 32, b0 = b & 0xffffffffu, b1 = b >> 32;
	uint64_t	p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
	uint64_t	mid = (p00 >> 32) + (p01 & 0xffffffffu) + (p10 & 0xffffffffu);
	u128		r;

	r.lo = (mid << 32) | (p00 & 0xffffffffu);
	r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
	return r;
}

static u128
add_64(u128 a, uint64_t b)
{
	a.lo += b;
	a.hi += a.lo < b;
	return a;
}

/* a / d (d > 0) with the remainder, bit by bit. */
static u128
div_64(u128 a, uint64_t d, uint64_t *rem)
{
	u128		q = {0, 0};
	uint64_t	r = 0;

	for (int bit = 127; bit >= 0; bit--)
	{
		uint64_t	top = r >> 63;
		uint64_t	next = bit >= 64 ? (a.hi >> (bit - 64)) & 1 : (a.lo >> bit) & 1;

		r = (r << 1) | next;
		if (top || r >= d)
		{
			r -= d;
			if (bit >= 64)
				q.hi |= (uint64_t) 1 << (bit - 64);
			else
				q.lo |= (uint64_t) 1 << bit;
		}
	}
	*rem = r;
	return q;
}

/* total / denominator in millionths, rounded half away from zero. */
static u128
fci_micro(int64_t total, int64_t denominator)
{
	uint64_t	rem;
	u128		q = div_64(mul_64((uint64_t) total, 1000000), (uint64_t) denominator, &rem);

	/* Half or more: 2 rem >= d, written without overflow. */
	if (rem >= (uint64_t) denominator - rem)
	{
		q = add_64(q, 1);
	}
	return q;
}

/* Decimal digits of a 128-bit value, most significant first; returns the count. */
static size_t
u128_digits(u128 v, char *out)
{
	char		tmp[40];
	size_t		n = 0;

	do
	{
		uint64_t	rem;

		v = div_64(v, 10, &rem);
		tmp[n++] = (char) ('0' + rem);
	} while (v.hi != 0 || v.lo != 0);
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

/* ---------------------------------------------------------------------------
 * The scenario
 * ------------------------------------------------------------------------- */

bool
estate_plan_strategy_fits_form(int strategy, int form)
{
	return !(form == PLAN_FORM_BAND && strategy == PLAN_MOST_RISK_PER_POUND);
}

const char *
estate_plan_scenario_check(const estate_plan_scenario *s, estate_status *st)
{
	*st = ESTATE_ERR_ARGUMENT;
	if (s->horizon < PLAN_HORIZON_MIN || s->horizon > PLAN_HORIZON_MAX)
		return "horizon";
	if ((int64_t) s->from_year + s->horizon - 1 > INT32_MAX)
	{
		*st = ESTATE_ERR_RANGE;
		return "from_year";
	}
	for (int k = 0; k < s->horizon; k++)
		if (s->budget[k] < 0)
			return s->per_year ? "budgets" : "annual_budget";
	/* inflation > -1: a canonical negative rate must be -0.something. */
	if (!is_canonical(s->inflation, s->inflation_len) ||
		(s->inflation[0] == '-' && !(s->inflation_len > 2 && s->inflation[1] == '0')))
		return "inflation";
	if (s->years_per_grade < 0)
		return "years_per_grade";
	if (!is_canonical(s->escalation, s->escalation_len) || s->escalation[0] == '-')
		return "escalation";
	if (s->strategy < 0 || s->strategy >= PLAN_STRATEGY_COUNT)
		return "strategy";
	if (s->replacement_value < -1 || s->replacement_value == 0)
		return "replacement_value";
	*st = ESTATE_OK;
	return NULL;
}

size_t
estate_plan_scenario_size(const estate_plan_scenario *s)
{
	return 4 + 1 + 1 + 1 + 1 + 4 + 8 + 4 + s->inflation_len + 4 + s->escalation_len +
		8 * (size_t) (s->per_year ? s->horizon : 1);
}

void
estate_plan_scenario_encode(const estate_plan_scenario *s, unsigned char *p)
{
	p = put_u32(p, (uint32_t) s->from_year);
	*p++ = (unsigned char) s->horizon;
	*p++ = s->per_year;
	*p++ = (unsigned char) s->strategy;
	*p++ = s->carry_over;
	p = put_u32(p, (uint32_t) s->years_per_grade);
	p = put_u64(p, (uint64_t) s->replacement_value);
	p = put_u32(p, (uint32_t) s->inflation_len);
	memcpy(p, s->inflation, s->inflation_len);
	p += s->inflation_len;
	p = put_u32(p, (uint32_t) s->escalation_len);
	memcpy(p, s->escalation, s->escalation_len);
	p += s->escalation_len;
	for (int k = 0; k < (s->per_year ? s->horizon : 1); k++)
		p = put_u64(p, (uint64_t) s->budget[k]);
}

estate_status
estate_plan_scenario_decode(const unsigned char *p, size_t len, estate_plan_scenario *s,
							size_t *used, const char **why)
{
	reader		r = {p, len, 0, false};
	uint8_t		per_year;
	uint8_t		carry;
	estate_status st;
	const char *field;

	memset(s, 0, sizeof(*s));
	s->from_year = (int32_t) take_u32(&r);
	s->horizon = take_u8(&r);
	per_year = take_u8(&r);
	s->strategy = take_u8(&r);
	carry = take_u8(&r);
	s->years_per_grade = (int32_t) take_u32(&r);
	s->replacement_value = (int64_t) take_u64(&r);
	s->inflation_len = take_u32(&r);
	s->inflation = (const char *) take(&r, s->inflation_len);
	s->escalation_len = take_u32(&r);
	s->escalation = (const char *) take(&r, s->escalation_len);
	if (r.short_read || per_year > 1 || carry > 1 || s->inflation_len == 0 || s->escalation_len == 0)
		goto bad;
	s->per_year = per_year;
	s->carry_over = carry;
	if (s->horizon < PLAN_HORIZON_MIN || s->horizon > PLAN_HORIZON_MAX)
		goto bad;
	for (int k = 0; k < s->horizon; k++)
		s->budget[k] = (int64_t) (k == 0 || per_year ? take_u64(&r) : (uint64_t) s->budget[0]);
	if (r.short_read)
		goto bad;
	if ((field = estate_plan_scenario_check(s, &st)) != NULL)
	{
		*why = "A scenario field is out of its range.";
		return ESTATE_ERR_BINARY;
	}
	*used = r.i;
	return ESTATE_OK;
bad:
	*why = "The scenario is truncated or malformed.";
	return ESTATE_ERR_BINARY;
}

/* ---------------------------------------------------------------------------
 * Item records
 * ------------------------------------------------------------------------- */

size_t
estate_plan_record_write(const estate_plan_item *item, unsigned char *out)
{
	unsigned char *p = put_u32(out, item->id_len);

	memcpy(p, item->id, item->id_len);
	p += item->id_len;
	*p++ = item->code;
	*p++ = item->consequence;
	p = put_u64(p, (uint64_t) item->cost);
	return (size_t) (p - out);
}

size_t
estate_plan_record_read(const unsigned char *p, size_t len, int form, estate_plan_item *item,
						const char **why)
{
	uint32_t	id_len;

	if (len < PLAN_RECORD_FIXED)
		goto truncated;
	id_len = get_u32(p);
	if (id_len > len - PLAN_RECORD_FIXED)
		goto truncated;
	item->id = (const char *) p + 4;
	item->id_len = id_len;
	item->code = p[4 + id_len];
	item->consequence = p[5 + id_len];
	item->cost = (int64_t) get_u64(p + 6 + id_len);
	if (memchr(item->id, '\0', id_len) != NULL)
	{
		*why = "An item id holds a zero byte.";
		return 0;
	}
	if (item->cost < 0)
	{
		*why = "An item's cost is negative.";
		return 0;
	}
	if (form == PLAN_FORM_GRADE)
	{
		if (item->code < GRADE_B_C || item->code >= GRADE_COUNT ||
			(item->consequence != PLAN_NONE && !estate_risk_factor_valid(item->consequence)))
		{
			*why = "An item's grade must be B(C), C, CX, D or DX and its consequence 1-5 or none.";
			return 0;
		}
	}
	else if (item->code > PLAN_UNASSESSED || item->consequence != PLAN_NONE)
	{
		*why = "An item's band must be a risk band or none, with no consequence.";
		return 0;
	}
	return PLAN_RECORD_FIXED + id_len;
truncated:
	*why = "An item record is truncated.";
	return 0;
}

/* ---------------------------------------------------------------------------
 * Packed records
 * ------------------------------------------------------------------------- */

static unsigned char *
put_varint(unsigned char *p, uint64_t v)
{
	while (v >= 0x80)
	{
		*p++ = (unsigned char) (v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char) v;
	return p;
}

/* false when the bytes end first or the value passes 64 bits */
static bool
get_varint(const unsigned char *p, size_t len, size_t *at, uint64_t *v)
{
	uint64_t	x = 0;

	for (int shift = 0; *at < len; shift += 7)
	{
		unsigned char b = p[(*at)++];

		if (shift == 63 && b > 1)
			return false;
		x |= (uint64_t) (b & 0x7f) << shift;
		if (b < 0x80)
		{
			*v = x;
			return true;
		}
	}
	return false;
}

/* How much of its id a record shares with the previous record's id. */
static size_t
shared_prefix(const unsigned char *prev, size_t prev_len, const unsigned char *id, size_t id_len)
{
	size_t		m = prev_len < id_len ? prev_len : id_len;
	size_t		k = 0;

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Eight bytes at a time: the lowest differing byte is the first. */
	for (; k + 8 <= m; k += 8)
	{
		uint64_t	a;
		uint64_t	b;

		memcpy(&a, prev + k, 8);
		memcpy(&b, id + k, 8);
		if (a != b)
			return k + (size_t) (__builtin_ctzll(a ^ b) / 8);
	}
#endif
	while (k < m && prev[k] == id[k])
		k++;
	return k;
}

/*
 * An item packed takes at most 3 bytes more than its 14 fixed ones: 1 for a
 * shared length of 0 (sharing 128 bytes or more saves more than its varint
 * adds), at most 5 for the rest's length, 9 for the cost, 2 for the codes.
 */
#define PACK_GROWTH_MAX 3

size_t
estate_plan_records_packed_max(size_t len, int64_t n)
{
	return len + PACK_GROWTH_MAX * (size_t) n;
}

size_t
estate_plan_records_pack(const unsigned char *raw, size_t len, unsigned char *out)
{
	const unsigned char *prev = NULL;
	size_t		prev_len = 0;
	unsigned char *p = out;

	for (size_t at = 0; at + PLAN_RECORD_FIXED <= len;)
	{
		size_t		id_len = get_u32(raw + at);
		const unsigned char *id = raw + at + 4;
		size_t		k = shared_prefix(prev, prev_len, id, id_len);

		p = put_varint(p, k);
		p = put_varint(p, id_len - k);
		memcpy(p, id + k, id_len - k);
		p += id_len - k;
		*p++ = id[id_len];
		*p++ = id[id_len + 1];
		p = put_varint(p, get_u64(id + id_len + 2));
		prev = id;
		prev_len = id_len;
		at += PLAN_RECORD_FIXED + id_len;
	}
	return (size_t) (p - out);
}

estate_status
estate_plan_records_unpack(const unsigned char *packed, size_t len, int64_t n, int form,
						   unsigned char *raw, size_t raw_len, const char **why)
{
	const unsigned char *prev = NULL;
	size_t		prev_len = 0;
	size_t		at = 0;
	size_t		out = 0;

	for (int64_t i = 0; i < n; i++)
	{
		uint64_t	k;
		uint64_t	rest;
		uint64_t	cost;
		estate_plan_item item;
		unsigned char *rec = raw + out;

		if (!get_varint(packed, len, &at, &k) || !get_varint(packed, len, &at, &rest) ||
			rest > len - at || len - at - rest < 2)
			goto truncated;
		if (k > prev_len)
		{
			*why = "A packed item shares more of its id than the previous item has.";
			return ESTATE_ERR_BINARY;
		}
		if (rest > raw_len - out || raw_len - out - rest < PLAN_RECORD_FIXED + k)
			goto overflow;
		put_u32(rec, (uint32_t) (k + rest));
		if (k > 0)
			memcpy(rec + 4, prev, k);
		memcpy(rec + 4 + k, packed + at, rest);
		at += rest;
		rec[4 + k + rest] = packed[at++];
		rec[5 + k + rest] = packed[at++];
		if (!get_varint(packed, len, &at, &cost))
			goto truncated;
		put_u64(rec + 6 + k + rest, cost);
		if (estate_plan_record_read(rec, PLAN_RECORD_FIXED + k + rest, form, &item, why) == 0)
			return ESTATE_ERR_BINARY;
		prev = rec + 4;
		prev_len = k + rest;
		out += PLAN_RECORD_FIXED + k + rest;
	}
	if (at != len)
	{
		*why = "Unexpected bytes after the packed items.";
		return ESTATE_ERR_BINARY;
	}
	if (out != raw_len)
		goto overflow;
	return ESTATE_OK;
truncated:
	*why = "A packed item is truncated.";
	return ESTATE_ERR_BINARY;
overflow:
	*why = "The packed items do not fill the size they are stored with.";
	return ESTATE_ERR_BINARY;
}

int
estate_plan_id_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	int			c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return (alen > blen) - (alen < blen);
}

/* ---------------------------------------------------------------------------
 * Text forms: writing
 * ------------------------------------------------------------------------- */

static size_t
put_text(char *out, const char *s)
{
	size_t		n = strlen(s);

	memcpy(out, s, n);
	return n;
}

static size_t
put_pence(char *out, int64_t pence)
{
	return (size_t) estate_pence_format(pence, out);
}

static size_t
put_int(char *out, int64_t v)
{
	char		tmp[24];
	size_t		n = 0;
	uint64_t	m = v < 0 ? (uint64_t) 0 - (uint64_t) v : (uint64_t) v;
	size_t		k = 0;

	do
	{
		tmp[n++] = (char) ('0' + m % 10);
		m /= 10;
	} while (m > 0);
	if (v < 0)
		out[k++] = '-';
	while (n > 0)
		out[k++] = tmp[--n];
	return k;
}

static size_t
put_id(char *out, const char *id, size_t len)
{
	size_t		k = 0;

	out[k++] = '"';
	for (size_t i = 0; i < len; i++)
	{
		if (id[i] == '"')
			out[k++] = '"';
		out[k++] = id[i];
	}
	out[k++] = '"';
	return k;
}

size_t
estate_plan_scenario_text_max(const estate_plan_scenario *s)
{
	return 256 + s->inflation_len + s->escalation_len + (size_t) s->horizon * (ESTATE_PENCE_TEXT_MAX + 2);
}

size_t
estate_plan_scenario_format(const estate_plan_scenario *s, char *out)
{
	size_t		k = 0;

	k += put_text(out + k, "from_year=");
	k += put_int(out + k, s->from_year);
	k += put_text(out + k, ", horizon=");
	k += put_int(out + k, s->horizon);
	if (s->per_year)
	{
		k += put_text(out + k, ", budgets={");
		for (int y = 0; y < s->horizon; y++)
		{
			if (y > 0)
				k += put_text(out + k, ", ");
			k += put_pence(out + k, s->budget[y]);
		}
		k += put_text(out + k, "}");
	}
	else
	{
		k += put_text(out + k, ", annual_budget=");
		k += put_pence(out + k, s->budget[0]);
	}
	k += put_text(out + k, ", inflation=");
	memcpy(out + k, s->inflation, s->inflation_len);
	k += s->inflation_len;
	k += put_text(out + k, ", years_per_grade=");
	k += s->years_per_grade == 0 ? put_text(out + k, "-") : put_int(out + k, s->years_per_grade);
	k += put_text(out + k, ", escalation=");
	memcpy(out + k, s->escalation, s->escalation_len);
	k += s->escalation_len;
	k += put_text(out + k, ", strategy=");
	k += put_text(out + k, estate_plan_strategy_names[s->strategy]);
	k += put_text(out + k, s->carry_over ? ", carry_over=true" : ", carry_over=false");
	k += put_text(out + k, ", replacement_value=");
	k += s->replacement_value < 0 ? put_text(out + k, "-") : put_pence(out + k, s->replacement_value);
	return k;
}

static const char *
grade_name(int g)
{
	return estate_condition_grade.names[g];
}

static const char *
band_name(int b)
{
	return b == PLAN_UNASSESSED || b == PLAN_NONE ? "-" : estate_risk_band.names[b];
}

size_t
estate_plan_item_format(const estate_plan_item *item, int form, char *out)
{
	size_t		k = 0;

	out[k++] = '(';
	k += put_id(out + k, item->id, item->id_len);
	out[k++] = ' ';
	if (form == PLAN_FORM_GRADE)
	{
		k += put_text(out + k, grade_name(item->code));
		out[k++] = ' ';
		k += item->consequence == PLAN_NONE ? put_text(out + k, "-") : put_int(out + k, item->consequence);
	}
	else
		k += put_text(out + k, band_name(item->code));
	out[k++] = ' ';
	k += put_pence(out + k, item->cost);
	out[k++] = ')';
	return k;
}

/* ---------------------------------------------------------------------------
 * Text forms: reading
 * ------------------------------------------------------------------------- */

typedef estate_cursor cursor;

/*
 * A bare token: up to a space, comma, semicolon or closing bracket (a ")"
 * closing a "(" within the token, as in the grade B(C), belongs to it).
 */
static size_t
token(cursor *c, size_t *start)
{
	bool		open = false;

	c->i = estate_skip_spaces(c->s, c->len, c->i);
	*start = c->i;
	while (c->i < c->len && !estate_is_space(c->s[c->i]) && c->s[c->i] != ',' &&
		   c->s[c->i] != ';' && (c->s[c->i] != ')' || open) && c->s[c->i] != '}')
	{
		if (c->s[c->i] == '(')
			open = true;
		else if (c->s[c->i] == ')')
			open = false;
		c->i++;
	}
	return c->i - *start;
}

static bool
token_is(cursor *c, size_t start, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(c->s + start, word, n) == 0;
}

static bool
key(cursor *c, const char *name)
{
	return estate_expect(c, name) && estate_expect(c, "=");
}

static estate_status
fail(cursor *c, estate_status st, const char *why)
{
	if (c->why == NULL)
		c->why = why;
	return st;
}

/* The next token; true when it is "-" (NULL) and that is allowed. */
static bool
none_token(cursor *c, bool allow_none, size_t *start, size_t *n)
{
	*n = token(c, start);
	return allow_none && token_is(c, *start, *n, "-");
}

/* An integer token in [min, max]; "-" gives none_value when allowed. */
static estate_status
read_int(cursor *c, int64_t min, int64_t max, bool allow_none, int64_t none_value, int64_t *v)
{
	size_t		start;
	size_t		n;
	estate_status st;

	if (none_token(c, allow_none, &start, &n))
	{
		*v = none_value;
		return ESTATE_OK;
	}
	st = estate_parse_int64(c->s + start, n, v);
	if (st == ESTATE_ERR_SYNTAX)
		return fail(c, st, "Expected an integer.");
	if (st != ESTATE_OK || *v < min || *v > max)
		return fail(c, ESTATE_ERR_RANGE, "A number is out of range.");
	return ESTATE_OK;
}

/* An amount token (pence); "-" gives -1 when allowed. */
static estate_status
read_pence(cursor *c, bool allow_none, int64_t *v)
{
	size_t		start;
	size_t		n;
	estate_status st;

	if (none_token(c, allow_none, &start, &n))
	{
		*v = -1;
		return ESTATE_OK;
	}
	st = estate_pence_parse(c->s + start, n, v);
	if (st == ESTATE_ERR_RANGE)
		return fail(c, st, "An amount is beyond the range of whole pence in 64 bits.");
	if (st != ESTATE_OK)
		return fail(c, st, "An amount must be digits with an optional decimal part.");
	return ESTATE_OK;
}

/* A quoted id, unescaped into out; *n its length. */
static bool
read_id(cursor *c, char *out, size_t *n)
{
	size_t		k = 0;

	c->i = estate_skip_spaces(c->s, c->len, c->i);
	if (c->i >= c->len || c->s[c->i] != '"')
		return false;
	c->i++;
	for (;;)
	{
		if (c->i >= c->len)
			return false;
		if (c->s[c->i] == '"')
		{
			if (c->i + 1 < c->len && c->s[c->i + 1] == '"')
			{
				out[k++] = '"';
				c->i += 2;
				continue;
			}
			c->i++;
			break;
		}
		if (c->s[c->i] == '\0')
			return false;
		out[k++] = c->s[c->i++];
	}
	*n = k;
	return true;
}

/* The index of a token among names[count], or -1. */
static int
word_of(cursor *c, size_t start, size_t n, const char *const *names, int count)
{
	for (int i = 0; i < count; i++)
		if (token_is(c, start, n, names[i]))
			return i;
	return -1;
}

static estate_status
read_decimal(cursor *c, char *scratch, const char **text, size_t *text_len)
{
	size_t		start;
	size_t		n = token(c, &start);

	if (!is_canonical(c->s + start, n))
		return fail(c, ESTATE_ERR_SYNTAX, "A rate must be a decimal in canonical form (as output).");
	memcpy(scratch, c->s + start, n);
	*text = scratch;
	*text_len = n;
	return ESTATE_OK;
}

#define SCENARIO_SYNTAX "Expected from_year, horizon, annual_budget or budgets, inflation, years_per_grade, escalation, strategy, carry_over and replacement_value, in this order."

static estate_status
read_scenario(cursor *c, estate_plan_scenario *s, char *scratch)
{
	int64_t		v;
	estate_status st;
	size_t		start;
	size_t		n;
	size_t		used = 0;

	memset(s, 0, sizeof(*s));
	if (!key(c, "from_year"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if ((st = read_int(c, INT32_MIN, INT32_MAX, false, 0, &v)) != ESTATE_OK)
		return st;
	s->from_year = (int32_t) v;
	if (!estate_expect(c, ",") || !key(c, "horizon"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if ((st = read_int(c, PLAN_HORIZON_MIN, PLAN_HORIZON_MAX, false, 0, &v)) != ESTATE_OK)
		return st;
	s->horizon = (int) v;
	if (!estate_expect(c, ","))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if (key(c, "annual_budget"))
	{
		if ((st = read_pence(c, false, &s->budget[0])) != ESTATE_OK)
			return st;
		for (int k = 1; k < s->horizon; k++)
			s->budget[k] = s->budget[0];
	}
	else if (key(c, "budgets") && estate_expect(c, "{"))
	{
		s->per_year = true;
		for (int k = 0; k < s->horizon; k++)
		{
			if (k > 0 && !estate_expect(c, ","))
				return fail(c, ESTATE_ERR_SYNTAX, "There must be one budget per year of the horizon.");
			if ((st = read_pence(c, false, &s->budget[k])) != ESTATE_OK)
				return st;
		}
		if (!estate_expect(c, "}"))
			return fail(c, ESTATE_ERR_SYNTAX, "There must be one budget per year of the horizon.");
	}
	else
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if (!estate_expect(c, ",") || !key(c, "inflation"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if ((st = read_decimal(c, scratch, &s->inflation, &s->inflation_len)) != ESTATE_OK)
		return st;
	used = s->inflation_len;
	if (!estate_expect(c, ",") || !key(c, "years_per_grade"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if ((st = read_int(c, 1, INT32_MAX, true, 0, &v)) != ESTATE_OK)
		return st;
	s->years_per_grade = (int32_t) v;
	if (!estate_expect(c, ",") || !key(c, "escalation"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if ((st = read_decimal(c, scratch + used, &s->escalation, &s->escalation_len)) != ESTATE_OK)
		return st;
	if (!estate_expect(c, ",") || !key(c, "strategy"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	n = token(c, &start);
	if ((s->strategy = word_of(c, start, n, estate_plan_strategy_names, PLAN_STRATEGY_COUNT)) < 0)
		return fail(c, ESTATE_ERR_SYNTAX, "The strategy must be highest_risk_first, strict_risk_order or most_risk_per_pound.");
	if (!estate_expect(c, ",") || !key(c, "carry_over"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	n = token(c, &start);
	if (token_is(c, start, n, "true"))
		s->carry_over = true;
	else if (!token_is(c, start, n, "false"))
		return fail(c, ESTATE_ERR_SYNTAX, "carry_over must be true or false.");
	if (!estate_expect(c, ",") || !key(c, "replacement_value"))
		return fail(c, ESTATE_ERR_SYNTAX, SCENARIO_SYNTAX);
	if ((st = read_pence(c, true, &s->replacement_value)) != ESTATE_OK)
		return st;
	{
		const char *field = estate_plan_scenario_check(s, &st);

		if (field != NULL)
			return fail(c, ESTATE_ERR_RANGE, "A scenario field is out of its range.");
	}
	return ESTATE_OK;
}

static const char *const form_names[2] = {"grade", "band"};

size_t
estate_plan_state_records_max(size_t len)
{
	/* The shortest item text, ("" - 0), is 8 bytes; its record 14. */
	return 2 * len + PLAN_RECORD_FIXED;
}

estate_status
estate_plan_state_parse(const char *s, size_t len, estate_plan_scenario *sc, char *scratch,
						int *form, unsigned char *records, size_t *records_len,
						int64_t *nitems, const char **why)
{
	cursor		c = {s, len, 0, NULL};
	estate_status st;
	size_t		start;
	size_t		n;
	size_t		used = 0;
	int64_t		count = 0;

	if ((st = read_scenario(&c, sc, scratch)) != ESTATE_OK)
		goto done;
	if (!estate_expect(&c, ";") || !key(&c, "form"))
		goto syntax;
	n = token(&c, &start);
	if ((*form = word_of(&c, start, n, form_names, 2)) < 0)
	{
		st = fail(&c, ESTATE_ERR_SYNTAX, "The form must be grade or band.");
		goto done;
	}
	if (!estate_plan_strategy_fits_form(sc->strategy, *form))
	{
		st = fail(&c, ESTATE_ERR_RANGE, "most_risk_per_pound needs the grade form.");
		goto done;
	}
	if (!estate_expect(&c, ";") || !key(&c, "items") || !estate_expect(&c, "{"))
		goto syntax;
	if (!estate_expect(&c, "}"))
	{
		for (;;)
		{
			estate_plan_item item;
			int64_t		v;
			char	   *id = (char *) records + used + 4;
			size_t		id_len;
			int			code;

			if (!estate_expect(&c, "(") || !read_id(&c, id, &id_len))
				goto syntax;
			item.id = id;
			item.id_len = (uint32_t) id_len;
			n = token(&c, &start);
			if (*form == PLAN_FORM_GRADE)
			{
				code = word_of(&c, start, n, estate_condition_grade.names, GRADE_COUNT);
				if (code < GRADE_B_C)
				{
					st = fail(&c, ESTATE_ERR_SYNTAX, "An item's grade must be B(C), C, CX, D or DX.");
					goto done;
				}
				if ((st = read_int(&c, RISK_FACTOR_MIN, RISK_FACTOR_MAX, true, PLAN_NONE, &v)) != ESTATE_OK)
					goto done;
				item.consequence = (uint8_t) v;
			}
			else
			{
				code = token_is(&c, start, n, "-") ? PLAN_UNASSESSED
					: word_of(&c, start, n, estate_risk_band.names, BAND_COUNT);
				if (code < 0)
				{
					st = fail(&c, ESTATE_ERR_SYNTAX, "An item's band must be low, moderate, significant, high or -.");
					goto done;
				}
				item.consequence = PLAN_NONE;
			}
			item.code = (uint8_t) code;
			if ((st = read_pence(&c, false, &item.cost)) != ESTATE_OK)
				goto done;
			if (!estate_expect(&c, ")"))
				goto syntax;
			/* The id is already in place: write the rest of the record. */
			used += estate_plan_record_write(&item, records + used);
			count++;
			if (estate_expect(&c, "}"))
				break;
			if (!estate_expect(&c, ","))
				goto syntax;
		}
	}
	if (c.i != len)
		goto syntax;
	*records_len = used;
	*nitems = count;
	return ESTATE_OK;
syntax:
	st = fail(&c, ESTATE_ERR_SYNTAX,
			  "Expected <scenario>; form=grade|band; items={(\"id\" grade consequence cost), ...}.");
done:
	*why = c.why;
	return st;
}

/* ---------------------------------------------------------------------------
 * The simulation
 * ------------------------------------------------------------------------- */

/* What the walk over one year's fundable items needs of each. */
typedef struct candidate
{
	uint64_t	cost;
	uint32_t	index;			/* the item's id rank */
	uint16_t	hi;				/* band, score and waiting keys */
	uint8_t		score;			/* 0 unknown */
} candidate;					/* 16 bytes: the yearly sorts move less */

static int
cmp_keys(const candidate *a, const candidate *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->cost != b->cost)
		return a->cost < b->cost ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* score / cost descending, exactly; a zero cost first; unknown scores last. */
static int
cmp_per_pound(const void *pa, const void *pb)
{
	const candidate *a = pa;
	const candidate *b = pb;

	if ((a->score == 0) != (b->score == 0))
		return a->score == 0 ? 1 : -1;
	if (a->score != 0)
	{
		if ((a->cost == 0) != (b->cost == 0))
			return a->cost == 0 ? -1 : 1;
		if (a->cost == 0)
		{
			if (a->score != b->score)
				return a->score > b->score ? -1 : 1;
		}
		else
		{
			u128		l = mul_64(a->score, b->cost);
			u128		r = mul_64(b->score, a->cost);

			if (l.hi != r.hi || l.lo != r.lo)
				return (l.hi > r.hi || (l.hi == r.hi && l.lo > r.lo)) ? -1 : 1;
		}
	}
	return cmp_keys(a, b);
}

/*
 * Sort candidates by (hi, cost), stably, with an LSD radix sort on bytes:
 * they arrive in id order, so equal keys stay in id order, which is the last
 * tie-break.  Bytes that are the same in every key are skipped (costs rarely
 * use their high bytes).  scratch holds n candidates; returns the array that
 * holds the sorted result (cand or scratch).
 */
static candidate *
radix_sort(candidate *cand, candidate *scratch, size_t n)
{
	/* Digits 0-7: the cost's bytes, least significant first; 8-9: hi's. */
	size_t		count[10][256];
	candidate  *from = cand;
	candidate  *to = scratch;

	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
	{
		for (int d = 0; d < 8; d++)
			count[d][(cand[i].cost >> (8 * d)) & 0xff]++;
		count[8][cand[i].hi & 0xff]++;
		count[9][(cand[i].hi >> 8) & 0xff]++;
	}
	for (int d = 0; d < 10; d++)
	{
		size_t		offset = 0;
		bool		trivial = false;

		for (int b = 0; b < 256; b++)
		{
			size_t		c = count[d][b];

			if (c == n)
				trivial = true;
			count[d][b] = offset;
			offset += c;
		}
		if (trivial)
			continue;
		for (size_t i = 0; i < n; i++)
		{
			unsigned	b = d < 8 ? (unsigned) ((from[i].cost >> (8 * d)) & 0xff)
				: (unsigned) ((from[i].hi >> (8 * (d - 8))) & 0xff);

			to[count[d][b]++] = from[i];
		}
		{
			candidate  *t = from;

			from = to;
			to = t;
		}
	}
	return from;
}


typedef struct id_key
{
	uint64_t	key;
	uint32_t	index;
} id_key;

/*
 * At most this many ascending runs are merged rather than radix sorted: the
 * states of a parallel scan's workers or of Citus's shards each ascend when
 * the table was filled in id order.
 */
#define PLAN_MERGE_RUNS 8

static int
item_order(const estate_plan_item *a, const estate_plan_item *b)
{
	return estate_plan_id_cmp(a->id, a->id_len, b->id, b->id_len);
}

static int
item_cmp(const void *pa, const void *pb)
{
	return item_order(pa, pb);
}

/*
 * How many of the n ascending items at a come before key: those <= key, or
 * with strict those < key.  Exponential then binary search, so a short
 * answer costs few comparisons.
 */
static size_t
gallop(const estate_plan_item *a, size_t n, const estate_plan_item *key, bool strict)
{
	size_t		lo = 0;
	size_t		hi = 1;

	/* Invariant: the first lo items come before key; a[hi - 1] is unknown. */
	while (hi <= n && (strict ? item_order(&a[hi - 1], key) < 0 : item_order(&a[hi - 1], key) <= 0))
	{
		lo = hi;
		hi = hi * 2 + 1;
	}
	if (hi > n)
		hi = n + 1;
	/* a[lo .. hi - 2] are unknown and a[hi - 1] (if any) does not come before. */
	hi--;
	while (lo < hi)
	{
		size_t		m = lo + (hi - lo) / 2;

		if (strict ? item_order(&a[m], key) < 0 : item_order(&a[m], key) <= 0)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/*
 * Merge the ascending runs that start at starts[0..runs-1] (starts[runs] =
 * n) pairwise through scratch (n items), stably, until one is left.
 */
static void
merge_runs(estate_plan_item *items, size_t n, size_t *starts, int runs, estate_plan_item *scratch)
{
	estate_plan_item *from = items;
	estate_plan_item *to = scratch;

	while (runs > 1)
	{
		int			merged = 0;

		for (int r = 0; r < runs; r += 2)
		{
			size_t		i = starts[r];
			size_t		mid = r + 1 < runs ? starts[r + 1] : n;
			size_t		end = r + 2 < runs ? starts[r + 2] : n;
			size_t		j = mid;
			size_t		k = starts[r];

			/* Runs from workers interleave in long stretches: copy each
			 * stretch whole, found by galloping (stable: the left run first
			 * among equal ids). */
			while (i < mid && j < end)
			{
				size_t		take = gallop(from + i, mid - i, &from[j], false);

				memcpy(to + k, from + i, sizeof(estate_plan_item) * take);
				k += take;
				i += take;
				if (i == mid)
					break;
				take = gallop(from + j, end - j, &from[i], true);
				memcpy(to + k, from + j, sizeof(estate_plan_item) * take);
				k += take;
				j += take;
			}
			memcpy(to + k, from + i, sizeof(estate_plan_item) * (mid - i));
			k += mid - i;
			memcpy(to + k, from + j, sizeof(estate_plan_item) * (end - j));
			starts[merged++] = starts[r];
		}
		runs = merged;
		{
			estate_plan_item *t = from;

			from = to;
			to = t;
		}
	}
	if (from != items)
		memcpy(items, from, sizeof(estate_plan_item) * n);
}

/* The radix sort's keys twice and a copy of the items; the simulation's
 * candidates twice. */
size_t
estate_plan_work_bytes(size_t n)
{
	size_t		sort = 2 * sizeof(id_key) + sizeof(estate_plan_item);
	size_t		simulate = 2 * sizeof(candidate);

	return (sort > simulate ? sort : simulate) * n + 64;
}

bool
estate_plan_sort_items(estate_plan_item *items, size_t n, estate_plan_alloc alloc, void *arg)
{
	size_t		lcp;
	id_key	   *keys;
	id_key	   *tmp;
	id_key	   *from;
	id_key	   *to;
	estate_plan_item *copy;
	size_t		count[8][256];
	size_t		starts[PLAN_MERGE_RUNS + 1];
	int			runs = 1;

	/* Rows often come in id order (a table filled by its key): nothing to
	 * do, or a few ascending runs to merge. */
	starts[0] = 0;
	for (size_t i = 1; i < n && runs <= PLAN_MERGE_RUNS; i++)
		if (item_order(&items[i - 1], &items[i]) >= 0)
		{
			if (runs < PLAN_MERGE_RUNS)
				starts[runs] = i;
			runs++;
		}
	if (runs == 1)
		return true;
	if (runs <= PLAN_MERGE_RUNS)
	{
		merge_runs(items, n, starts, runs, alloc(sizeof(estate_plan_item) * n, arg));
		return false;
	}
	/* The prefix every id shares: the bytes after it tell ids apart. */
	lcp = items[0].id_len;
	for (size_t i = 1; i < n && lcp > 0; i++)
	{
		size_t		m = items[i].id_len < lcp ? items[i].id_len : lcp;
		size_t		j = 0;

		while (j < m && items[i].id[j] == items[0].id[j])
			j++;
		lcp = j;
	}
	keys = alloc(sizeof(id_key) * n, arg);
	tmp = alloc(sizeof(id_key) * n, arg);
	memset(count, 0, sizeof(count));
	for (size_t i = 0; i < n; i++)
	{
		uint64_t	k = 0;

		/* Big-endian, zero-padded: ids hold no zero byte, so a shorter id
		 * sorts before a longer one it is a prefix of. */
		for (size_t j = 0; j < 8; j++)
			k = (k << 8) | (lcp + j < items[i].id_len ? (unsigned char) items[i].id[lcp + j] : 0);
		keys[i].key = k;
		keys[i].index = (uint32_t) i;
		for (int d = 0; d < 8; d++)
			count[d][(k >> (8 * d)) & 0xff]++;
	}
	from = keys;
	to = tmp;
	for (int d = 0; d < 8; d++)
	{
		size_t		offset = 0;
		bool		trivial = false;

		for (int b = 0; b < 256; b++)
		{
			size_t		c = count[d][b];

			trivial = trivial || c == n;
			count[d][b] = offset;
			offset += c;
		}
		if (trivial)
			continue;
		for (size_t i = 0; i < n; i++)
			to[count[d][(from[i].key >> (8 * d)) & 0xff]++] = from[i];
		{
			id_key	   *t = from;

			from = to;
			to = t;
		}
	}
	copy = alloc(sizeof(estate_plan_item) * n, arg);
	for (size_t i = 0; i < n; i++)
		copy[i] = items[from[i].index];
	/* Runs of equal keys: ids that go on past them are compared whole. */
	for (size_t i = 0; i < n;)
	{
		size_t		j = i + 1;

		while (j < n && from[j].key == from[i].key)
			j++;
		if (j - i > 1)
			qsort(copy + i, j - i, sizeof(estate_plan_item), item_cmp);
		i = j;
	}
	memcpy(items, copy, sizeof(estate_plan_item) * n);
	return false;
}

/* Band slots of the year rows: high first. */
static int
band_slot(int band)
{
	return band == PLAN_UNASSESSED ? 4 : BAND_HIGH - band;
}

/* The grade after `periods` deterioration periods. */
static int
grade_after(int grade, int64_t periods)
{
	for (int64_t p = 0; p < periods && p < 2; p++)
	{
		if (grade == GRADE_B_C)
			grade = GRADE_C;
		else if (grade == GRADE_C)
			grade = GRADE_D;
		else if (grade == GRADE_CX)
			grade = GRADE_DX;
	}
	return grade;
}

static estate_status
range(const char **why, const char *what)
{
	*why = what;
	return ESTATE_ERR_RANGE;
}

estate_status
estate_plan_simulate(const estate_plan_scenario *s, int form, const estate_plan_item *items,
					 size_t n, estate_plan_year *years, estate_plan_outcome *out,
					 estate_plan_alloc alloc, void *arg, const char **why)
{
	big			infl_rate = big_of_decimal(s->inflation, s->inflation_len, alloc, arg);
	big			esc_rate = big_of_decimal(s->escalation, s->escalation_len, alloc, arg);
	big			infl = big_one_plus(&infl_rate, s->inflation[0] == '-', alloc, arg);
	big			esc = big_one_plus(&esc_rate, false, alloc, arg);
	big			factor[2];		/* (1+inflation)^(k-1), times (1+escalation) */
	candidate  *cand = alloc(sizeof(candidate) * (n > 0 ? n : 1), arg);
	candidate  *scratch = alloc(sizeof(candidate) * (n > 0 ? n : 1), arg);
	int64_t		carried = 0;

	factor[0] = big_of_decimal("1", 1, alloc, arg);
	for (size_t i = 0; i < n; i++)
	{
		out[i].entered = 0;
		out[i].funded = 0;
		out[i].cost_paid = 0;
		out[i].grade = form == PLAN_FORM_GRADE ? items[i].code : PLAN_NONE;
		out[i].band = PLAN_NONE;
	}
	for (int k = 1; k <= s->horizon; k++)
	{
		estate_plan_year *y = &years[k - 1];
		int64_t		periods = s->years_per_grade > 0 ? (k - 1) / s->years_per_grade : 0;
		size_t		ncand = 0;
		const candidate *order;
		int64_t		left;
		/* Each band slot's backlog before funding, in 128 bits (lo, hi),
		 * and what was funded out of it: the year end is their difference. */
		uint64_t	all_lo[PLAN_BAND_SLOTS] = {0};
		uint64_t	all_hi[PLAN_BAND_SLOTS] = {0};
		int64_t		funded[PLAN_BAND_SLOTS] = {0};

		if (k > 1)
			factor[0] = big_mul(&factor[0], &infl, alloc, arg);
		factor[1] = big_mul(&factor[0], &esc, alloc, arg);
		big_set_small(&factor[0]);
		big_set_small(&factor[1]);
		memset(y, 0, sizeof(*y));
		if (estate_pence_add(s->budget[k - 1], s->carry_over ? carried : 0, &y->available) != ESTATE_OK)
			return range(why, "The money available in a year is beyond the range of whole pence in 64 bits.");

		/* Each unfunded item's grade, band and cost this year. */
		for (size_t i = 0; i < n; i++)
		{
			const estate_plan_item *it = &items[i];
			estate_plan_outcome *o = &out[i];
			int			band;
			int			steps = 0;
			int			score = 0;
			int			waiting;
			int			wait_key;
			int			score_key;
			int64_t		cost;

			if (o->funded)
				continue;
			if (form == PLAN_FORM_GRADE)
			{
				int			g = grade_after(it->code, periods);

				o->grade = (uint8_t) g;
				if (g == GRADE_B_C)
					continue;
				if (o->entered == 0)
					o->entered = (uint8_t) k;
				/* A grade change made since entering: C->D or CX->DX. */
				steps = (g == GRADE_D && it->code != GRADE_D) || (g == GRADE_DX && it->code != GRADE_DX);
				if (it->consequence == PLAN_NONE)
					band = PLAN_UNASSESSED;
				else
				{
					score = estate_grade_failure_likelihood(g) * it->consequence;
					estate_risk_band_of_score(score, &band);
				}
			}
			else
			{
				if (o->entered == 0)
					o->entered = (uint8_t) k;
				band = it->code;
			}
			o->band = band == PLAN_UNASSESSED ? PLAN_NONE : (uint8_t) band;
			if (big_scale_pence(it->cost, &factor[steps], &cost) != ESTATE_OK)
				return range(why, "An item's cost in a year is beyond the range of whole pence in 64 bits.");
			if (it->code == GRADE_B_C && form == PLAN_FORM_GRADE && o->entered == k &&
				estate_pence_add(y->arising, cost, &y->arising) != ESTATE_OK)
				return range(why, "A year's arising backlog is beyond the range of whole pence in 64 bits.");
			waiting = k - o->entered;
			wait_key = 127 - waiting;
			score_key = score == 0 ? 31 : 25 - score;
			all_lo[band_slot(band)] += (uint64_t) cost;
			all_hi[band_slot(band)] += all_lo[band_slot(band)] < (uint64_t) cost;
			cand[ncand].hi = (uint16_t) ((band_slot(band) << 12) | (score_key << 7) | wait_key);
			cand[ncand].cost = (uint64_t) cost;
			cand[ncand].index = (uint32_t) i;
			cand[ncand].score = (uint8_t) score;
			ncand++;
		}

		if (s->strategy == PLAN_MOST_RISK_PER_POUND)
		{
			qsort(cand, ncand, sizeof(candidate), cmp_per_pound);
			order = cand;
		}
		else
			order = radix_sort(cand, scratch, ncand);

		/* The walk: fund what fits, in priority order. */
		left = y->available;
		for (size_t j = 0; j < ncand; j++)
		{
			estate_plan_outcome *o = &out[order[j].index];
			int64_t		cost = (int64_t) order[j].cost;

			if (cost <= left)
			{
				left -= cost;
				o->funded = (uint8_t) k;
				o->cost_paid = cost;
				y->items_funded++;
				funded[order[j].hi >> 12] += cost;
				continue;
			}
			/* Strict order stops at the first item that does not fit, unless
			 * no year's money could ever pay for it this year. */
			if (s->strategy == PLAN_STRICT_RISK_ORDER && cost <= y->available)
				break;
		}
		y->spent = y->available - left;
		carried = left;

		/* What remains at year end, at this year's prices and grades (costs
		 * are never negative: every partial sum fits when the total does). */
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
		{
			uint64_t	lo = all_lo[b] - (uint64_t) funded[b];
			uint64_t	hi = all_hi[b] - (all_lo[b] < (uint64_t) funded[b]);

			if (hi != 0 || lo > (uint64_t) INT64_MAX)
				return range(why, "A year's backlog is beyond the range of whole pence in 64 bits.");
			y->band[b] = (int64_t) lo;
		}
		y->items_waiting = (int64_t) ncand - y->items_funded;
		{
			int64_t		total = 0;
			int64_t		denominator = 0;

			for (int b = 0; b < PLAN_BAND_SLOTS; b++)
				if (estate_pence_add(total, y->band[b], &total) != ESTATE_OK)
					return range(why, "A year's backlog is beyond the range of whole pence in 64 bits.");
			y->fci_null = true;
			if (s->replacement_value > 0)
			{
				if (big_scale_pence(s->replacement_value, &factor[0], &denominator) != ESTATE_OK)
					return range(why, "The replacement value in a year is beyond the range of whole pence in 64 bits.");
				if (denominator > 0)
				{
					u128		f = fci_micro(total, denominator);

					y->fci_null = false;
					y->fci_hi = f.hi;
					y->fci_lo = f.lo;
				}
			}
		}
	}
	return ESTATE_OK;
}

/* ---------------------------------------------------------------------------
 * The plan's binary form
 * ------------------------------------------------------------------------- */

size_t
estate_plan_size_of(int horizon, size_t n, size_t id_bytes)
{
	return PLAN_HEAD_BYTES + (size_t) horizon * PLAN_YEAR_BYTES + 8 + n * PLAN_ITEM_FIXED + id_bytes;
}

size_t
estate_plan_size(int horizon, const estate_plan_item *items, size_t n)
{
	size_t		id_bytes = 0;

	for (size_t i = 0; i < n; i++)
		id_bytes += items[i].id_len;
	return estate_plan_size_of(horizon, n, id_bytes);
}

void
estate_plan_encode(int form, int32_t from_year, int horizon, const estate_plan_year *years,
				   const estate_plan_item *items, const estate_plan_outcome *out, size_t n,
				   unsigned char *p)
{
	*p++ = PLAN_VERSION;
	*p++ = (unsigned char) form;
	p = put_u32(p, (uint32_t) from_year);
	p = put_u32(p, (uint32_t) horizon);
	for (int k = 0; k < horizon; k++)
	{
		const estate_plan_year *y = &years[k];

		p = put_u64(p, (uint64_t) y->available);
		p = put_u64(p, (uint64_t) y->spent);
		p = put_u64(p, (uint64_t) y->items_funded);
		p = put_u64(p, (uint64_t) y->arising);
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
			p = put_u64(p, (uint64_t) y->band[b]);
		p = put_u64(p, (uint64_t) y->items_waiting);
		*p++ = y->fci_null;
		p = put_u64(p, y->fci_null ? 0 : y->fci_hi);
		p = put_u64(p, y->fci_null ? 0 : y->fci_lo);
	}
	p = put_u64(p, (uint64_t) n);
	for (size_t i = 0; i < n; i++)
	{
		p = put_u32(p, items[i].id_len);
		memcpy(p, items[i].id, items[i].id_len);
		p += items[i].id_len;
		*p++ = out[i].entered;
		*p++ = out[i].funded;
		p = put_u64(p, (uint64_t) out[i].cost_paid);
		*p++ = out[i].grade;
		*p++ = out[i].band;
	}
}

size_t
estate_plan_item_at(const unsigned char *p, estate_plan_item *item, estate_plan_outcome *o)
{
	uint32_t	id_len = get_u32(p);

	item->id = (const char *) p + 4;
	item->id_len = id_len;
	p += 4 + id_len;
	o->entered = p[0];
	o->funded = p[1];
	o->cost_paid = (int64_t) get_u64(p + 2);
	o->grade = p[10];
	o->band = p[11];
	return PLAN_ITEM_FIXED + id_len;
}

static estate_status
broken(const char **why, const char *what)
{
	*why = what;
	return ESTATE_ERR_BINARY;
}

estate_status
estate_plan_decode(const unsigned char *p, size_t len, estate_plan_view *v, const char **why)
{
	reader		r = {p, len, 0, false};
	int64_t		funded_in[PLAN_HORIZON_MAX + 1] = {0};
	int64_t		spent_in[PLAN_HORIZON_MAX + 1] = {0};
	int64_t		entered_by[PLAN_HORIZON_MAX + 2] = {0};
	int64_t		left_by[PLAN_HORIZON_MAX + 2] = {0};
	const char *prev = NULL;
	uint32_t	prev_len = 0;
	uint32_t	horizon;

	memset(v, 0, sizeof(*v));
	if (take_u8(&r) != PLAN_VERSION)
		return broken(why, "Unknown version byte.");
	v->form = take_u8(&r);
	v->from_year = (int32_t) take_u32(&r);
	horizon = take_u32(&r);
	if (r.short_read)
		return broken(why, "The plan is truncated.");
	if (v->form > PLAN_FORM_BAND)
		return broken(why, "Unknown form.");
	if (horizon < PLAN_HORIZON_MIN || horizon > PLAN_HORIZON_MAX ||
		(int64_t) v->from_year + horizon - 1 > INT32_MAX)
		return broken(why, "The horizon is out of range.");
	v->horizon = (int) horizon;
	for (int k = 0; k < v->horizon; k++)
	{
		estate_plan_year *y = &v->years[k];
		int64_t		total = 0;
		uint8_t		fci_null;

		y->available = (int64_t) take_u64(&r);
		y->spent = (int64_t) take_u64(&r);
		y->items_funded = (int64_t) take_u64(&r);
		y->arising = (int64_t) take_u64(&r);
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
		{
			y->band[b] = (int64_t) take_u64(&r);
			if (y->band[b] < 0 || estate_pence_add(total, y->band[b], &total) != ESTATE_OK)
				return broken(why, "A year's backlog is negative or beyond int64 pence.");
		}
		y->items_waiting = (int64_t) take_u64(&r);
		fci_null = take_u8(&r);
		y->fci_hi = take_u64(&r);
		y->fci_lo = take_u64(&r);
		if (r.short_read)
			return broken(why, "The plan is truncated.");
		y->fci_null = fci_null;
		if (y->available < 0 || y->spent < 0 || y->spent > y->available || y->arising < 0 ||
			y->items_funded < 0 || y->items_waiting < 0 || fci_null > 1 ||
			(fci_null && (y->fci_hi != 0 || y->fci_lo != 0)) || (y->fci_hi >> PLAN_FCI_HI_BITS))
			return broken(why, "A year's figures are out of range.");
	}
	v->nitems = (int64_t) take_u64(&r);
	if (r.short_read || v->nitems < 0 || (uint64_t) v->nitems > (len - r.i) / PLAN_ITEM_FIXED)
		return broken(why, "The item count exceeds the data that follows it.");
	v->items = p + r.i;
	for (int64_t i = 0; i < v->nitems; i++)
	{
		estate_plan_item item;
		estate_plan_outcome o;
		uint32_t	id_len;

		if (len - r.i < PLAN_ITEM_FIXED || (id_len = get_u32(p + r.i)) > len - r.i - PLAN_ITEM_FIXED)
			return broken(why, "An item is truncated.");
		r.i += estate_plan_item_at(p + r.i, &item, &o);
		if (memchr(item.id, '\0', id_len) != NULL)
			return broken(why, "An item id holds a zero byte.");
		if (prev != NULL && estate_plan_id_cmp(prev, prev_len, item.id, id_len) >= 0)
			return broken(why, "Items must ascend by id, each once.");
		prev = item.id;
		prev_len = id_len;
		if (o.entered > horizon || o.funded > horizon ||
			(o.funded && (o.entered == 0 || o.funded < o.entered)) ||
			o.cost_paid < 0 || (!o.funded && o.cost_paid != 0))
			return broken(why, "An item's years or cost are inconsistent.");
		if (v->form == PLAN_FORM_BAND ? o.grade != PLAN_NONE
			: (o.grade < GRADE_B_C || o.grade >= GRADE_COUNT))
			return broken(why, "An item's grade does not fit the form.");
		if (o.band != PLAN_NONE && o.band >= BAND_COUNT)
			return broken(why, "An item's band is out of range.");
		if ((o.entered == 0 && o.band != PLAN_NONE) ||
			(v->form == PLAN_FORM_GRADE && ((o.entered == 0) != (o.grade == GRADE_B_C))))
			return broken(why, "An item outside the backlog has a band, or a grade that says otherwise.");
		if (o.funded)
		{
			funded_in[o.funded]++;
			if (estate_pence_add(spent_in[o.funded], o.cost_paid, &spent_in[o.funded]) != ESTATE_OK)
				return broken(why, "A year's spending is beyond int64 pence.");
		}
		if (o.entered)
		{
			entered_by[o.entered]++;
			if (o.funded)
				left_by[o.funded]++;
		}
	}
	if (r.i != len)
		return broken(why, "Unexpected bytes after the items.");
	v->items_len = (size_t) (p + len - v->items);
	/* The years agree with the items: funded counts, spending, waiting. */
	{
		int64_t		waiting = 0;

		for (int k = 1; k <= v->horizon; k++)
		{
			const estate_plan_year *y = &v->years[k - 1];

			waiting += entered_by[k] - left_by[k];
			if (y->items_funded != funded_in[k] || y->spent != spent_in[k] || y->items_waiting != waiting)
				return broken(why, "A year's funded items, spending or waiting items disagree with the items.");
		}
	}
	return ESTATE_OK;
}

/* ---------------------------------------------------------------------------
 * The plan's text form
 * ------------------------------------------------------------------------- */

size_t
estate_plan_text_max(const estate_plan_view *v)
{
	return 128 + (size_t) v->horizon * (12 * (ESTATE_PENCE_TEXT_MAX + 1) + 48) +
		(size_t) v->nitems * 80 + 2 * v->items_len;
}

size_t
estate_plan_fci_format(const estate_plan_year *y, char *out)
{
	char		digits[48];
	size_t		n;
	size_t		k = 0;
	u128		v = {y->fci_hi, y->fci_lo};

	if (y->fci_null)
		return put_text(out, "-");
	n = u128_digits(v, digits);
	if (n <= 6)
	{
		k += put_text(out, "0.");
		for (size_t i = n; i < 6; i++)
			out[k++] = '0';
		memcpy(out + k, digits, n);
		return k + n;
	}
	memcpy(out, digits, n - 6);
	k = n - 6;
	out[k++] = '.';
	memcpy(out + k, digits + n - 6, 6);
	return k + 6;
}

size_t
estate_plan_format(const estate_plan_view *v, char *out)
{
	size_t		k = 0;
	const unsigned char *p = v->items;

	k += put_text(out + k, "from_year=");
	k += put_int(out + k, v->from_year);
	k += put_text(out + k, ", horizon=");
	k += put_int(out + k, v->horizon);
	k += put_text(out + k, ", form=");
	k += put_text(out + k, form_names[v->form]);
	k += put_text(out + k, "; years={");
	for (int y = 0; y < v->horizon; y++)
	{
		const estate_plan_year *r = &v->years[y];

		k += put_text(out + k, y > 0 ? ", (" : "(");
		k += put_pence(out + k, r->available);
		out[k++] = ' ';
		k += put_pence(out + k, r->spent);
		out[k++] = ' ';
		k += put_int(out + k, r->items_funded);
		out[k++] = ' ';
		k += put_pence(out + k, r->arising);
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
		{
			out[k++] = ' ';
			k += put_pence(out + k, r->band[b]);
		}
		out[k++] = ' ';
		k += put_int(out + k, r->items_waiting);
		out[k++] = ' ';
		k += estate_plan_fci_format(r, out + k);
		out[k++] = ')';
	}
	k += put_text(out + k, "}; items={");
	for (int64_t i = 0; i < v->nitems; i++)
	{
		estate_plan_item item;
		estate_plan_outcome o;

		p += estate_plan_item_at(p, &item, &o);
		k += put_text(out + k, i > 0 ? ", (" : "(");
		k += put_id(out + k, item.id, item.id_len);
		out[k++] = ' ';
		k += o.entered ? put_int(out + k, (int64_t) v->from_year + o.entered - 1) : put_text(out + k, "-");
		out[k++] = ' ';
		k += o.funded ? put_int(out + k, (int64_t) v->from_year + o.funded - 1) : put_text(out + k, "-");
		out[k++] = ' ';
		k += o.funded ? put_pence(out + k, o.cost_paid) : put_text(out + k, "-");
		out[k++] = ' ';
		k += put_text(out + k, o.grade == PLAN_NONE ? "-" : grade_name(o.grade));
		out[k++] = ' ';
		k += put_text(out + k, band_name(o.band));
		out[k++] = ')';
	}
	k += put_text(out + k, "}");
	return k;
}

size_t
estate_plan_binary_max(size_t len)
{
	/* A year's shortest text, (0 0 0 0 0 0 0 0 0 0 -), is 23 bytes for 97
	 * binary; an item's, ("" - - - - -), 14 for 16. */
	return 5 * len + PLAN_HEAD_BYTES + 8;
}

/* An fci token: digits "." six digits, in millionths. */
static estate_status
read_fci(cursor *c, estate_plan_year *y)
{
	size_t		start;
	size_t		n = token(c, &start);
	u128		v = {0, 0};

	if (token_is(c, start, n, "-"))
	{
		y->fci_null = true;
		return ESTATE_OK;
	}
	if (n < 8 || c->s[start + n - 7] != '.')
		return fail(c, ESTATE_ERR_SYNTAX, "An fci has exactly six decimals.");
	for (size_t i = 0; i < n; i++)
	{
		char		ch = c->s[start + i];
		u128		ten;

		if (i == n - 7)
			continue;
		if (!estate_is_digit(ch))
			return fail(c, ESTATE_ERR_SYNTAX, "An fci has exactly six decimals.");
		ten = mul_64(v.lo, 10);
		ten.hi += v.hi * 10;
		v = add_64(ten, (uint64_t) (ch - '0'));
		if (v.hi >> PLAN_FCI_HI_BITS)
			return fail(c, ESTATE_ERR_RANGE, "An fci is out of range.");
	}
	y->fci_null = false;
	y->fci_hi = v.hi;
	y->fci_lo = v.lo;
	return ESTATE_OK;
}

/* An item's year token: a calendar year within the horizon, or "-". */
static estate_status
read_year(cursor *c, int32_t from_year, int horizon, uint8_t *year)
{
	int64_t		v;
	estate_status st = read_int(c, INT32_MIN, INT32_MAX, true, INT64_MIN, &v);

	if (st != ESTATE_OK)
		return st;
	if (v == INT64_MIN)
		*year = 0;
	else if (v < from_year || v - from_year >= horizon)
		return fail(c, ESTATE_ERR_RANGE, "An item's year is outside the plan.");
	else
		*year = (uint8_t) (v - from_year + 1);
	return ESTATE_OK;
}

estate_status
estate_plan_parse(const char *s, size_t len, unsigned char *out, size_t *out_len, const char **why)
{
	cursor		c = {s, len, 0, NULL};
	estate_status st;
	int64_t		v;
	int32_t		from_year;
	int			horizon;
	int			form;
	size_t		start;
	size_t		n;
	unsigned char *p = out;
	unsigned char *count_at;
	int64_t		count = 0;

	if (!key(&c, "from_year"))
		goto syntax;
	if ((st = read_int(&c, INT32_MIN, INT32_MAX, false, 0, &v)) != ESTATE_OK)
		goto done;
	from_year = (int32_t) v;
	if (!estate_expect(&c, ",") || !key(&c, "horizon"))
		goto syntax;
	if ((st = read_int(&c, PLAN_HORIZON_MIN, PLAN_HORIZON_MAX, false, 0, &v)) != ESTATE_OK)
		goto done;
	horizon = (int) v;
	if ((int64_t) from_year + horizon - 1 > INT32_MAX)
	{
		st = fail(&c, ESTATE_ERR_RANGE, "The last year is beyond the integer range.");
		goto done;
	}
	if (!estate_expect(&c, ",") || !key(&c, "form"))
		goto syntax;
	n = token(&c, &start);
	if ((form = word_of(&c, start, n, form_names, 2)) < 0)
		goto syntax;
	*p++ = PLAN_VERSION;
	*p++ = (unsigned char) form;
	p = put_u32(p, (uint32_t) from_year);
	p = put_u32(p, (uint32_t) horizon);
	if (!estate_expect(&c, ";") || !key(&c, "years") || !estate_expect(&c, "{"))
		goto syntax;
	for (int k = 0; k < horizon; k++)
	{
		estate_plan_year y;
		int64_t		money[PLAN_BAND_SLOTS + 2];

		memset(&y, 0, sizeof(y));
		if ((k > 0 && !estate_expect(&c, ",")) || !estate_expect(&c, "("))
			goto syntax;
		if ((st = read_pence(&c, false, &y.available)) != ESTATE_OK ||
			(st = read_pence(&c, false, &y.spent)) != ESTATE_OK ||
			(st = read_int(&c, 0, INT64_MAX, false, 0, &y.items_funded)) != ESTATE_OK ||
			(st = read_pence(&c, false, &y.arising)) != ESTATE_OK)
			goto done;
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
			if ((st = read_pence(&c, false, &money[b])) != ESTATE_OK)
				goto done;
		if ((st = read_int(&c, 0, INT64_MAX, false, 0, &y.items_waiting)) != ESTATE_OK ||
			(st = read_fci(&c, &y)) != ESTATE_OK)
			goto done;
		if (!estate_expect(&c, ")"))
			goto syntax;
		p = put_u64(p, (uint64_t) y.available);
		p = put_u64(p, (uint64_t) y.spent);
		p = put_u64(p, (uint64_t) y.items_funded);
		p = put_u64(p, (uint64_t) y.arising);
		for (int b = 0; b < PLAN_BAND_SLOTS; b++)
			p = put_u64(p, (uint64_t) money[b]);
		p = put_u64(p, (uint64_t) y.items_waiting);
		*p++ = y.fci_null;
		p = put_u64(p, y.fci_hi);
		p = put_u64(p, y.fci_lo);
	}
	if (!estate_expect(&c, "}") || !estate_expect(&c, ";") || !key(&c, "items") || !estate_expect(&c, "{"))
		goto syntax;
	count_at = p;
	p += 8;
	if (!estate_expect(&c, "}"))
	{
		for (;;)
		{
			size_t		id_len;
			uint8_t		entered;
			uint8_t		funded;
			int64_t		paid;
			int			grade;
			int			band;

			if (!estate_expect(&c, "(") || !read_id(&c, (char *) p + 4, &id_len))
				goto syntax;
			put_u32(p, (uint32_t) id_len);
			p += 4 + id_len;
			if ((st = read_year(&c, from_year, horizon, &entered)) != ESTATE_OK ||
				(st = read_year(&c, from_year, horizon, &funded)) != ESTATE_OK ||
				(st = read_pence(&c, true, &paid)) != ESTATE_OK)
				goto done;
			n = token(&c, &start);
			grade = token_is(&c, start, n, "-") ? PLAN_NONE
				: word_of(&c, start, n, estate_condition_grade.names, GRADE_COUNT);
			n = token(&c, &start);
			band = token_is(&c, start, n, "-") ? PLAN_NONE
				: word_of(&c, start, n, estate_risk_band.names, BAND_COUNT);
			if (grade < 0 || band < 0 || !estate_expect(&c, ")"))
				goto syntax;
			if ((paid < 0) != (funded == 0))
			{
				st = fail(&c, ESTATE_ERR_SYNTAX, "An item has a cost paid exactly when it is funded.");
				goto done;
			}
			*p++ = entered;
			*p++ = funded;
			p = put_u64(p, (uint64_t) (paid < 0 ? 0 : paid));
			*p++ = (unsigned char) grade;
			*p++ = (unsigned char) band;
			count++;
			if (estate_expect(&c, "}"))
				break;
			if (!estate_expect(&c, ","))
				goto syntax;
		}
	}
	if (c.i != len)
		goto syntax;
	put_u64(count_at, (uint64_t) count);
	*out_len = (size_t) (p - out);
	{
		estate_plan_view view;
		const char *broken_why = NULL;

		if (estate_plan_decode(out, *out_len, &view, &broken_why) != ESTATE_OK)
		{
			st = fail(&c, ESTATE_ERR_SYNTAX, broken_why);
			goto done;
		}
	}
	return ESTATE_OK;
syntax:
	st = fail(&c, ESTATE_ERR_SYNTAX,
			  "Expected from_year=Y, horizon=H, form=grade|band; years={(...), ...}; items={(...), ...}.");
done:
	*why = c.why;
	return st;
}
