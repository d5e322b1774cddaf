/*
 * sweep.c - sorting periods, and the sweep over their ends (SPEC 4.2, 4.3).
 *
 * The periods are sorted by start; a min-heap holds the ends of the periods
 * in progress.  Between two consecutive events (a start or an end) the set of
 * periods in progress is constant, so that stretch of time is in use or not,
 * has a fixed known headcount, and only its overlap with core time counts.
 * Cost: O(n log n) to sort (nothing when the input is already in order, as
 * sensor readings usually are), O(n log k) for the heap of k concurrent
 * periods, and one pass over the core pieces.
 */
#include "sweep.h"

#include <string.h>

/* ---------------------------------------------------------------------------
 * 128-bit person-time
 * ------------------------------------------------------------------------- */

#if defined(__SIZEOF_INT128__)

estate_u128
estate_u128_zero(void)
{
	return 0;
}

void
estate_u128_add_product(estate_u128 *acc, uint64_t a, uint64_t b)
{
	*acc += (estate_u128) a * b;
}

double
estate_u128_to_double(estate_u128 v)
{
	return (double) v;
}

int
estate_u128_cmp(estate_u128 a, estate_u128 b)
{
	return (a > b) - (a < b);
}

#else

estate_u128
estate_u128_zero(void)
{
	estate_u128 z = {0, 0};

	return z;
}

/* Schoolbook 64 x 64 -> 128 on 32-bit halves. */
void
estate_u128_add_product(estate_u128 *acc, uint64_t a, uint64_t b)
{
	uint64_t	a_lo = a & 0xFFFFFFFFu,
				a_hi = a >> 32;
	uint64_t	b_lo = b & 0xFFFFFFFFu,
				b_hi = b >> 32;
	uint64_t	ll = a_lo * b_lo;
	uint64_t	lh = a_lo * b_hi;
	uint64_t	hl = a_hi * b_lo;
	uint64_t	hh = a_hi * b_hi;
	uint64_t	mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
	uint64_t	lo = (ll & 0xFFFFFFFFu) | (mid << 32);
	uint64_t	hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);

	acc->lo += lo;
	acc->hi += hi + (acc->lo < lo);
}

double
estate_u128_to_double(estate_u128 v)
{
	return (double) v.hi * 18446744073709551616.0 + (double) v.lo;
}

int
estate_u128_cmp(estate_u128 a, estate_u128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	return (a.lo > b.lo) - (a.lo < b.lo);
}

#endif

/* ---------------------------------------------------------------------------
 * Sorting by start
 * ------------------------------------------------------------------------- */

int
estate_periods_sorted(const estate_period *p, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (p[i].start < p[i - 1].start)
			return 0;
	return 1;
}

static void
swap_periods(estate_period *a, estate_period *b)
{
	estate_period t = *a;

	*a = *b;
	*b = t;
}

static void
insertion_sort(estate_period *p, size_t n)
{
	for (size_t i = 1; i < n; i++)
	{
		estate_period v = p[i];
		size_t		j = i;

		while (j > 0 && p[j - 1].start > v.start)
		{
			p[j] = p[j - 1];
			j--;
		}
		p[j] = v;
	}
}

static void
sift_down(estate_period *p, size_t root, size_t n)
{
	for (;;)
	{
		size_t		child = 2 * root + 1;

		if (child >= n)
			return;
		if (child + 1 < n && p[child + 1].start > p[child].start)
			child++;
		if (p[root].start >= p[child].start)
			return;
		swap_periods(&p[root], &p[child]);
		root = child;
	}
}

static void
heap_sort(estate_period *p, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(p, i, n);
	for (size_t end = n; end-- > 1;)
	{
		swap_periods(&p[0], &p[end]);
		sift_down(p, 0, end);
	}
}

static int64_t
median3(int64_t a, int64_t b, int64_t c)
{
	if (a < b)
		return b < c ? b : (a < c ? c : a);
	return a < c ? a : (b < c ? c : b);
}

/* Quicksort with median-of-three pivots; heapsort past the depth limit. */
static void
intro_sort(estate_period *p, size_t n, int depth)
{
	while (n > 16)
	{
		int64_t		pivot;
		size_t		i = 0;
		size_t		j = n - 1;

		if (depth-- == 0)
		{
			heap_sort(p, n);
			return;
		}
		pivot = median3(p[0].start, p[n / 2].start, p[n - 1].start);
		/* Hoare partition: [0, j] <= pivot <= [j + 1, n). */
		for (;;)
		{
			while (p[i].start < pivot)
				i++;
			while (p[j].start > pivot)
				j--;
			if (i >= j)
				break;
			swap_periods(&p[i], &p[j]);
			i++;
			j--;
		}
		/* Recurse into the smaller part, loop on the larger. */
		if (j + 1 < n - (j + 1))
		{
			intro_sort(p, j + 1, depth);
			p += j + 1;
			n -= j + 1;
		}
		else
		{
			intro_sort(p + j + 1, n - (j + 1), depth);
			n = j + 1;
		}
	}
	insertion_sort(p, n);
}

void
estate_periods_sort(estate_period *p, size_t n)
{
	int			depth = 0;

	if (estate_periods_sorted(p, n))
		return;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	intro_sort(p, n, depth);
}

void
estate_periods_merge(const estate_period *a, size_t na,
					 const estate_period *b, size_t nb, estate_period *out)
{
	size_t		i = 0,
				j = 0,
				k = 0;

	while (i < na && j < nb)
		out[k++] = (b[j].start < a[i].start) ? b[j++] : a[i++];
	while (i < na)
		out[k++] = a[i++];
	while (j < nb)
		out[k++] = b[j++];
}

/* ---------------------------------------------------------------------------
 * The sweep
 * ------------------------------------------------------------------------- */

typedef struct active_end
{
	int64_t		end;
	int32_t		headcount;
} active_end;

typedef struct sweep_state
{
	active_end *heap;
	size_t		size;
	size_t		capacity;
	size_t		in_use;			/* periods in progress (all are in use) */
	size_t		known;			/* ... with a known headcount */
	int64_t		headcount;		/* sum of the known headcounts in progress */
} sweep_state;

static int
heap_push(sweep_state *s, int64_t end, int32_t headcount,
		  estate_grow_fn grow, void *grow_arg)
{
	size_t		i;

	if (s->size == s->capacity)
	{
		size_t		cap = s->capacity ? 2 * s->capacity : 64;
		active_end *h = grow(s->heap, cap * sizeof(active_end), grow_arg);

		if (h == NULL)
			return 0;
		s->heap = h;
		s->capacity = cap;
	}
	i = s->size++;
	while (i > 0 && s->heap[(i - 1) / 2].end > end)
	{
		s->heap[i] = s->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	s->heap[i].end = end;
	s->heap[i].headcount = headcount;
	return 1;
}

static active_end
heap_pop(sweep_state *s)
{
	active_end	top = s->heap[0];
	active_end	last = s->heap[--s->size];
	size_t		i = 0;

	for (;;)
	{
		size_t		child = 2 * i + 1;

		if (child >= s->size)
			break;
		if (child + 1 < s->size && s->heap[child + 1].end < s->heap[child].end)
			child++;
		if (last.end <= s->heap[child].end)
			break;
		s->heap[i] = s->heap[child];
		i = child;
	}
	if (s->size > 0)
		s->heap[i] = last;
	return top;
}

/*
 * Account for [a, b), during which the periods in progress do not change:
 * walk the core pieces that overlap it.  *first is the first piece that may
 * still overlap anything from a on.
 */
static void
account(const sweep_state *s, int64_t a, int64_t b,
		const estate_core_piece *core, size_t ncore, size_t *first,
		estate_sweep_totals *totals, estate_cell_totals *cells)
{
	size_t		k;

	while (*first < ncore && core[*first].end <= a)
		(*first)++;
	for (k = *first; k < ncore && core[k].start < b; k++)
	{
		int64_t		lo = core[k].start > a ? core[k].start : a;
		int64_t		hi = core[k].end < b ? core[k].end : b;
		int64_t		m = hi - lo;

		totals->in_use_us += m;
		if (s->known > 0)
			totals->known_us += m;
		if (s->headcount > 0)
		{
			estate_u128_add_product(&totals->person_us, (uint64_t) s->headcount, (uint64_t) m);
			if (cells)
				estate_u128_add_product(&cells[core[k].cell].person_us,
										(uint64_t) s->headcount, (uint64_t) m);
		}
		if (s->headcount > totals->peak)
			totals->peak = s->headcount;
	}
}

estate_status
estate_sweep(const estate_period *periods, size_t n,
			 const estate_core_piece *core, size_t ncore,
			 estate_sweep_totals *totals, estate_cell_totals *cells,
			 estate_grow_fn grow, void *grow_arg)
{
	sweep_state s = {NULL, 0, 0, 0, 0, 0};
	size_t		i = 0;
	size_t		first = 0;
	int64_t		t = n > 0 ? periods[0].start : 0;
	estate_status status = ESTATE_OK;

	memset(totals, 0, sizeof(*totals));
	totals->person_us = estate_u128_zero();
	for (size_t k = 0; k < ncore; k++)
	{
		totals->core_us += core[k].end - core[k].start;
		if (cells)
			cells[core[k].cell].core_us += core[k].end - core[k].start;
	}

	while (i < n || s.size > 0)
	{
		int64_t		next = (i < n) ? periods[i].start : INT64_MAX;

		if (s.size > 0 && s.heap[0].end < next)
			next = s.heap[0].end;
		if (s.in_use > 0 && next > t)
			account(&s, t, next, core, ncore, &first, totals, cells);
		t = next;

		/* Periods are half-open: those ending at t go before those starting. */
		while (s.size > 0 && s.heap[0].end <= t)
		{
			active_end	e = heap_pop(&s);

			s.in_use--;
			if (e.headcount != ESTATE_HEADCOUNT_UNKNOWN)
			{
				s.known--;
				s.headcount -= e.headcount;
			}
		}
		while (i < n && periods[i].start <= t)
		{
			if (!heap_push(&s, periods[i].end, periods[i].headcount, grow, grow_arg))
			{
				status = ESTATE_ERR_RANGE;
				goto done;
			}
			s.in_use++;
			if (periods[i].headcount != ESTATE_HEADCOUNT_UNKNOWN)
			{
				s.known++;
				s.headcount += periods[i].headcount;
			}
			i++;
		}
	}
done:
	if (s.heap)
		grow(s.heap, 0, grow_arg);
	return status;
}

/* ---------------------------------------------------------------------------
 * The final division
 * ------------------------------------------------------------------------- */

double
estate_rate(estate_u128 person, int32_t capacity, int64_t time_us)
{
	estate_u128 denominator = estate_u128_zero();

	estate_u128_add_product(&denominator, (uint64_t) capacity, (uint64_t) time_us);
	return estate_u128_to_double(person) / estate_u128_to_double(denominator);
}

void
estate_utilisation_compute(const estate_sweep_totals *t, int32_t capacity,
						   estate_utilisation *u)
{
	u->hours_available = (double) t->core_us / (double) ESTATE_USECS_PER_HOUR;
	u->hours_in_use = (double) t->in_use_us / (double) ESTATE_USECS_PER_HOUR;
	u->peak_headcount = t->peak;

	u->frequency_null = t->core_us == 0;
	u->frequency = u->frequency_null ? 0.0 : (double) t->in_use_us / (double) t->core_us;

	u->occupancy_null = t->known_us == 0;
	u->occupancy = u->occupancy_null ? 0.0 : estate_rate(t->person_us, capacity, t->known_us);

	u->rate_null = t->core_us == 0;
	u->rate = u->rate_null ? 0.0 : estate_rate(t->person_us, capacity, t->core_us);
}
