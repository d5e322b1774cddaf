/*
 * sweep.c - sorting periods, and the sweep over their ends.
 *
 * The periods are sorted by start (a bucket sort, or nothing when they are
 * already in order, as sensor readings usually are), then swept once in that
 * order: runs of overlapping periods give the time in use, each period its
 * person-time, and only runs of overlapping known periods need a min-heap of
 * the ends in progress, for the peak headcount.  Cost: O(n log n) to sort, O(n) when spread evenly, O(n)
 * for the sweep plus O(m log k) for runs of m periods of which k overlap,
 * and one pass over the core pieces per measure.
 */
#include "sweep.h"

#include <string.h>

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

/* Below this many periods the bucket pass costs more than it saves. */
#define BUCKET_MIN 256
/* At most this many buckets (counts on the stack). */
#define BUCKET_BITS 12

/* A start as unsigned, in the same order: the sign bit flipped. */
static inline uint64_t
start_key(const estate_period *p)
{
	return (uint64_t) p->start ^ UINT64_C(0x8000000000000000);
}

/*
 * One counting pass into about as many equal ranges of start as there are
 * periods (at most 2^BUCKET_BITS), through scratch, then an introsort of each
 * range: bookings spread over a year land about one to a range, so most of
 * the work is two moves a period with no mispredicted comparisons; a skewed
 * spread costs no more than introsort of the crowded ranges.
 */
static void
bucket_sort(estate_period *p, size_t n, estate_period *scratch)
{
	size_t		start[(1 << BUCKET_BITS) + 1];
	uint64_t	lo = start_key(&p[0]);
	uint64_t	hi = lo;
	int			bits = 0;
	int			range_bits = 0;
	int			shift;
	size_t		nbuckets;

	for (size_t i = 1; i < n; i++)
	{
		uint64_t	k = start_key(&p[i]);

		lo = k < lo ? k : lo;
		hi = k > hi ? k : hi;
	}
	while (bits < BUCKET_BITS && ((size_t) 1 << bits) < n)
		bits++;
	while (range_bits < 64 && ((hi - lo) >> range_bits) != 0)
		range_bits++;
	shift = range_bits > bits ? range_bits - bits : 0;
	nbuckets = (size_t) 1 << bits;

	memset(start, 0, sizeof(size_t) * (nbuckets + 1));
	for (size_t i = 0; i < n; i++)
		start[((start_key(&p[i]) - lo) >> shift) + 1]++;
	for (size_t b = 1; b <= nbuckets; b++)
		start[b] += start[b - 1];
	/* start[b] is now where bucket b begins; it ends where b + 1 begins. */
	for (size_t i = 0; i < n; i++)
		scratch[start[(start_key(&p[i]) - lo) >> shift]++] = p[i];
	/* Each start[b] has moved on to the end of bucket b. */
	for (size_t b = 0, from = 0; b < nbuckets; from = start[b], b++)
	{
		size_t		size = start[b] - from;
		int			depth = 0;

		if (size < 2)
			continue;
		if (size <= 16)
		{
			insertion_sort(scratch + from, size);
			continue;
		}
		for (size_t m = size; m > 1; m >>= 1)
			depth += 2;
		intro_sort(scratch + from, size, depth);
	}
	memcpy(p, scratch, n * sizeof(estate_period));
}

void
estate_periods_sort(estate_period *p, size_t n, estate_period *scratch)
{
	int			depth = 0;

	if (estate_periods_sorted(p, n))
		return;
	if (scratch && n >= BUCKET_MIN)
	{
		bucket_sort(p, n, scratch);
		return;
	}
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

/* A min-heap of the ends of the known periods in progress (for the peak). */
typedef struct active_end
{
	int64_t		end;
	int32_t		headcount;
} active_end;

typedef struct end_heap
{
	active_end *heap;
	size_t		size;
	size_t		capacity;
	int64_t		headcount;		/* sum of the known headcounts in progress */
	size_t		unknown;		/* periods of unknown headcount in progress */
} end_heap;

/* What a period alone adds to its in-progress counts. */
static inline void
heap_count(end_heap *s, int32_t headcount, int sign)
{
	if (headcount == ESTATE_HEADCOUNT_UNKNOWN)
		s->unknown += (size_t) sign;
	else
		s->headcount += sign * (int64_t) headcount;
}

static int
heap_push(end_heap *s, int64_t end, int32_t headcount,
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
	heap_count(s, headcount, 1);
	return 1;
}

static void
heap_pop(end_heap *s)
{
	active_end	last = s->heap[--s->size];
	size_t		i = 0;

	heap_count(s, s->heap[0].headcount, -1);
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
}

/*
 * Core time within [a, b).  *first is the first piece that may still overlap
 * anything from a on: each caller passes its own, and a never decreases from
 * one of its calls to the next.  With cells, each piece's part times
 * headcount is added to its cell's person-time.
 */
static inline int64_t
core_time(const estate_core_piece *core, size_t ncore, size_t *first,
		  int64_t a, int64_t b, estate_cell_totals *cells, uint64_t headcount)
{
	int64_t		m = 0;

	while (*first < ncore && core[*first].end <= a)
		(*first)++;
	for (size_t k = *first; k < ncore && core[k].start < b; k++)
	{
		int64_t		lo = core[k].start > a ? core[k].start : a;
		int64_t		hi = core[k].end < b ? core[k].end : b;

		m += hi - lo;
		if (cells)
			estate_wide_add_product(&cells[core[k].cell].person_us, headcount, (uint64_t) (hi - lo));
	}
	return m;
}

/* Whether [a, b) meets core time; *first as for core_time. */
static inline int
meets_core(const estate_core_piece *core, size_t ncore, size_t *first, int64_t a, int64_t b)
{
	while (*first < ncore && core[*first].end <= a)
		(*first)++;
	return *first < ncore && core[*first].start < b;
}

/*
 * Raise *peak to the highest total headcount, within core time, of the known
 * periods among p[0..n) (sorted by start; the unknown ones are skipped).
 * Between two consecutive starts or ends that total is constant.
 */
static int
run_peak(const estate_period *p, size_t n, end_heap *s,
		 const estate_core_piece *core, size_t ncore, size_t *first,
		 int64_t *peak, estate_grow_fn grow, void *grow_arg)
{
	size_t		i = 0;
	int64_t		t = p[0].start;

	while (i < n || s->size > 0)
	{
		int64_t		next = (i < n) ? p[i].start : INT64_MAX;

		if (s->size > 0 && s->heap[0].end < next)
			next = s->heap[0].end;
		if (s->headcount > *peak && next > t && meets_core(core, ncore, first, t, next))
			*peak = s->headcount;
		t = next;
		/* Periods are half-open: those ending at t go before those starting. */
		while (s->size > 0 && s->heap[0].end <= t)
			heap_pop(s);
		for (; i < n && p[i].start <= t; i++)
			if (p[i].headcount != ESTATE_HEADCOUNT_UNKNOWN &&
				!heap_push(s, p[i].end, p[i].headcount, grow, grow_arg))
				return 0;
	}
	return 1;
}

/* A run of overlapping known periods, from periods[first]. */
typedef struct known_run
{
	int64_t		lo;
	int64_t		hi;
	size_t		first;
	size_t		count;			/* known periods in it */
	int64_t		sum;			/* their headcounts */
	int64_t		last_core;		/* core time of the last one */
} known_run;

/* Add a finished run's core time to the known time, and its peak. */
static int
close_known_run(const known_run *r, const estate_period *periods, size_t end,
				const estate_core_piece *core, size_t ncore, size_t *known_first,
				size_t *peak_first, end_heap *heap, estate_sweep_totals *totals,
				estate_grow_fn grow, void *grow_arg)
{
	int64_t		m;

	if (r->count == 0)
		return 1;
	/* One period: its core time is known already. */
	m = r->count == 1 ? r->last_core : core_time(core, ncore, known_first, r->lo, r->hi, NULL, 0);
	totals->known_us += m;
	if (m == 0 || r->sum <= totals->peak)
		return 1;
	if (r->count == 1)
	{
		totals->peak = r->sum;
		return 1;
	}
	return run_peak(periods + r->first, end - r->first, heap, core, ncore, peak_first,
					&totals->peak, grow, grow_arg);
}

/* Zero totals but for the core time, in all and per cell. */
static void
start_totals(const estate_core_piece *core, size_t ncore,
			 estate_sweep_totals *totals, estate_cell_totals *cells)
{
	memset(totals, 0, sizeof(*totals));
	totals->person_us = estate_wide_of(0);
	for (size_t k = 0; k < ncore; k++)
	{
		totals->core_us += core[k].end - core[k].start;
		if (cells)
			cells[core[k].cell].core_us += core[k].end - core[k].start;
	}
}

/*
 * One pass over the periods in order of start.  Time in use is the core time
 * of each run of overlapping or touching periods (their union), and likewise
 * for the known ones; person-time adds up period by period, as headcount
 * times the period's core time.  All of it is integer, so the grouping of the
 * sums does not change them.  The peak needs the periods in progress at each
 * instant, but only within a run of several overlapping known periods whose
 * headcounts together could beat the peak so far: a heap of their ends, run
 * by run.  (Known runs break where periods only touch, so that back-to-back
 * readings are runs of one.)
 */
estate_status
estate_sweep(const estate_period *periods, size_t n,
			 const estate_core_piece *core, size_t ncore,
			 estate_sweep_totals *totals, estate_cell_totals *cells,
			 estate_grow_fn grow, void *grow_arg)
{
	end_heap	heap = {NULL, 0, 0, 0, 0};
	size_t		use_first = 0,
				known_first = 0,
				person_first = 0,
				peak_first = 0;
	int64_t		use_lo;
	int64_t		use_hi;
	known_run	run = {0, 0, 0, 0, 0, 0};
	estate_status status = ESTATE_OK;

	start_totals(core, ncore, totals, cells);
	if (n == 0)
		return ESTATE_OK;

	/* Empty runs at the first start, so that the first period opens both. */
	use_lo = use_hi = run.lo = run.hi = periods[0].start;
	for (size_t i = 0; i < n; i++)
	{
		const estate_period *p = &periods[i];
		int64_t		m;

		if (p->start > use_hi)
		{
			totals->in_use_us += core_time(core, ncore, &use_first, use_lo, use_hi, NULL, 0);
			use_lo = p->start;
			use_hi = p->end;
		}
		else if (p->end > use_hi)
			use_hi = p->end;

		if (p->headcount == ESTATE_HEADCOUNT_UNKNOWN)
			continue;
		if (p->start >= run.hi)
		{
			if (!close_known_run(&run, periods, i, core, ncore, &known_first, &peak_first,
								 &heap, totals, grow, grow_arg))
			{
				status = ESTATE_ERR_RANGE;
				goto done;
			}
			run.lo = p->start;
			run.hi = p->end;
			run.first = i;
			run.count = 0;
			run.sum = 0;
		}
		else if (p->end > run.hi)
			run.hi = p->end;
		m = core_time(core, ncore, &person_first, p->start, p->end, cells, (uint64_t) p->headcount);
		run.count++;
		run.sum += p->headcount;
		run.last_core = m;
		estate_wide_add_product(&totals->person_us, (uint64_t) p->headcount, (uint64_t) m);
	}
	totals->in_use_us += core_time(core, ncore, &use_first, use_lo, use_hi, NULL, 0);
	if (!close_known_run(&run, periods, n, core, ncore, &known_first, &peak_first,
						 &heap, totals, grow, grow_arg))
		status = ESTATE_ERR_RANGE;
done:
	if (heap.heap)
		grow(heap.heap, 0, grow_arg);
	return status;
}

/* ---------------------------------------------------------------------------
 * Step functions
 * ------------------------------------------------------------------------- */

/*
 * Steps being written: into an array of room enough, or through a buffer of
 * cap steps handed to a sink whenever it fills, but for its last step, which
 * a step at the same instant may still change.
 */
typedef struct step_out
{
	estate_step *s;
	size_t		n;
	size_t		cap;			/* SIZE_MAX: the array has room enough */
	int64_t		before;			/* the level before s[0]: the last handed on */
	estate_steps_sink sink;
	void	   *sink_arg;
} step_out;

static void
hand_on(step_out *o, size_t keep)
{
	if (o->n <= keep)
		return;
	o->sink(o->sink_arg, o->s, o->n - keep);
	o->before = o->s[o->n - keep - 1].level;
	memmove(o->s, o->s + o->n - keep, keep * sizeof(estate_step));
	o->n = keep;
}

/*
 * The level becomes `level` at t (t never decreases from call to call).  A
 * later change at the same instant replaces the earlier one, and a step
 * that would repeat the level before it is left out, so the function stays
 * canonical.
 */
static inline void
emit(step_out *o, int64_t t, int64_t level)
{
	if (o->n > 0 && o->s[o->n - 1].at == t)
	{
		if ((o->n > 1 ? o->s[o->n - 2].level : o->before) == level)
			o->n--;
		else
			o->s[o->n - 1].level = level;
		return;
	}
	if ((o->n > 0 ? o->s[o->n - 1].level : o->before) == level)
		return;
	if (o->n == o->cap)
		hand_on(o, 1);
	o->s[o->n].at = t;
	o->s[o->n].level = level;
	o->n++;
}

static inline int64_t
heap_level(const end_heap *h)
{
	return 2 * h->headcount + (h->unknown > 0);
}

/*
 * Periods in order of start; those that end at or before the next one
 * starts while nothing else is in progress (readings, most bookings) need no
 * heap: they step up at their start and down at their end.
 */
static estate_status
steps_of_periods(const estate_period *p, size_t n, step_out *out, estate_grow_fn grow, void *grow_arg)
{
	end_heap	heap = {NULL, 0, 0, 0, 0};
	step_out	o = *out;
	estate_status status = ESTATE_OK;

	for (size_t i = 0; i < n; i++)
	{
		while (heap.size > 0 && heap.heap[0].end <= p[i].start)
		{
			int64_t		t = heap.heap[0].end;

			heap_pop(&heap);
			emit(&o, t, heap_level(&heap));
		}
		if (heap.size == 0 && (i + 1 == n || p[i].end <= p[i + 1].start))
		{
			emit(&o, p[i].start, p[i].headcount == ESTATE_HEADCOUNT_UNKNOWN ? 1 : 2 * (int64_t) p[i].headcount);
			emit(&o, p[i].end, 0);
			continue;
		}
		if (!heap_push(&heap, p[i].end, p[i].headcount, grow, grow_arg))
		{
			status = ESTATE_ERR_RANGE;
			goto done;
		}
		emit(&o, p[i].start, heap_level(&heap));
	}
	while (heap.size > 0)
	{
		int64_t		t = heap.heap[0].end;

		heap_pop(&heap);
		emit(&o, t, heap_level(&heap));
	}
done:
	if (heap.heap)
		grow(heap.heap, 0, grow_arg);
	*out = o;
	return status;
}

estate_status
estate_steps_of_periods(const estate_period *p, size_t n, estate_step *out, size_t *nout,
						estate_grow_fn grow, void *grow_arg)
{
	step_out	o = {out, 0, SIZE_MAX, 0, NULL, NULL};
	estate_status status = steps_of_periods(p, n, &o, grow, grow_arg);

	*nout = o.n;
	return status;
}

estate_status
estate_steps_of_periods_to(const estate_period *p, size_t n, estate_steps_sink sink, void *sink_arg,
						   estate_grow_fn grow, void *grow_arg)
{
	estate_step buf[1024];
	step_out	o = {buf, 0, sizeof(buf) / sizeof(buf[0]), 0, sink, sink_arg};
	estate_status status = steps_of_periods(p, n, &o, grow, grow_arg);

	if (status == ESTATE_OK)
		hand_on(&o, 0);
	return status;
}

void
estate_step_reader_array(estate_step_reader *r, const estate_step *s, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->s = s;
	r->left = n;
}

void
estate_step_reader_packed(estate_step_reader *r, int64_t lo, uint64_t unit,
						  const uint8_t *p, size_t len, size_t n)
{
	memset(r, 0, sizeof(*r));
	r->p = p;
	r->end = p + len;
	r->at = (uint64_t) lo;
	r->unit = unit;
	r->left = n;
}

/* One LEB128 number of at most 64 bits from [*p, end); 0 when there is none. */
static inline int
get_leb128(const uint8_t **p, const uint8_t *end, uint64_t *v)
{
	uint64_t	x = 0;

	for (int shift = 0; *p < end && shift < 64; shift += 7)
	{
		uint8_t		b = *(*p)++;

		x |= (uint64_t) (b & 0x7F) << shift;
		if (b < 0x80)
		{
			*v = x;
			return 1;
		}
	}
	return 0;
}

/* estate_step_read, inline where steps are merged. */
static inline int
step_read(estate_step_reader *r, estate_step *s)
{
	uint64_t	delta;
	uint64_t	level;

	if (r->left == 0)
		return 0;
	if (r->s)
		*s = *r->s++;
	else
	{
		if (!get_leb128(&r->p, r->end, &delta) || !get_leb128(&r->p, r->end, &level))
		{
			r->bad = 1;
			r->left = 0;
			return 0;
		}
		r->at += delta * r->unit;
		s->at = (int64_t) r->at;
		s->level = (int64_t) level;
	}
	r->left--;
	return 1;
}

int
estate_step_read(estate_step_reader *r, estate_step *s)
{
	return step_read(r, s);
}

int
estate_step_reader_whole(const estate_step_reader *r)
{
	return !r->bad && r->left == 0 && r->p == r->end;
}

/* Two step functions read side by side, for their sum. */
typedef struct step_merge
{
	estate_step_reader *a;
	estate_step_reader *b;
	estate_step sa;
	estate_step sb;
	int			has_a;
	int			has_b;
	int64_t		la;
	int64_t		lb;
} step_merge;

static void
merge_start(step_merge *m, estate_step_reader *a, estate_step_reader *b)
{
	memset(m, 0, sizeof(*m));
	m->a = a;
	m->b = b;
	m->has_a = step_read(a, &m->sa);
	m->has_b = step_read(b, &m->sb);
}

/*
 * The sum's next instant t and its level there: 1, or 0 at the end, or -1
 * when the known headcount would pass ESTATE_STEP_KNOWN_MAX.
 */
static inline int
merge_next(step_merge *m, int64_t *t, int64_t *level)
{
	int64_t		known;

	if (!m->has_a && !m->has_b)
		return 0;
	*t = (!m->has_b || (m->has_a && m->sa.at < m->sb.at)) ? m->sa.at : m->sb.at;
	if (m->has_a && m->sa.at == *t)
	{
		m->la = m->sa.level;
		m->has_a = step_read(m->a, &m->sa);
	}
	if (m->has_b && m->sb.at == *t)
	{
		m->lb = m->sb.level;
		m->has_b = step_read(m->b, &m->sb);
	}
	known = ESTATE_STEP_KNOWN(m->la) + ESTATE_STEP_KNOWN(m->lb);
	if (known > ESTATE_STEP_KNOWN_MAX)
		return -1;
	*level = 2 * known + (ESTATE_STEP_UNKNOWN(m->la) | ESTATE_STEP_UNKNOWN(m->lb));
	return 1;
}

estate_status
estate_steps_merge(const estate_step *a, size_t na, const estate_step *b, size_t nb,
				   estate_step *out, size_t *nout)
{
	step_out	o = {out, 0, SIZE_MAX, 0, NULL, NULL};
	estate_step_reader ra;
	estate_step_reader rb;
	step_merge	m;
	int64_t		t;
	int64_t		level;
	int			more;

	estate_step_reader_array(&ra, a, na);
	estate_step_reader_array(&rb, b, nb);
	merge_start(&m, &ra, &rb);
	while ((more = merge_next(&m, &t, &level)) > 0)
		emit(&o, t, level);
	*nout = o.n;
	return more < 0 ? ESTATE_ERR_RANGE : ESTATE_OK;
}

const char *
estate_steps_check(int64_t lo, int64_t hi, const estate_step *s, size_t n)
{
	int64_t		level = 0;

	for (size_t i = 0; i < n; i++)
	{
		if (s[i].at < lo || s[i].at > hi || (i > 0 && s[i].at <= s[i - 1].at))
			return "Steps must ascend within the span.";
		if (s[i].level < 0 || ESTATE_STEP_KNOWN(s[i].level) > ESTATE_STEP_KNOWN_MAX)
			return "A step's level is out of range.";
		if (s[i].level == level)
			return "A step must change the level.";
		level = s[i].level;
	}
	if (level != 0)
		return "The last step must return to level 0.";
	return NULL;
}

/*
 * A sweep over a step function given one step at a time.  Each stretch
 * between two steps at a level above 0 is in use for its core time; above
 * 1, known, with the known headcount times that core time as person-time,
 * and a candidate for the peak when it meets core time.  The same integers
 * the sweep over periods adds up, in another grouping (and a stretch split
 * in two at the same level adds up to the same).
 */
typedef struct step_sweep
{
	const estate_core_piece *core;
	size_t		ncore;
	size_t		first;
	int64_t		at;
	int64_t		level;
	estate_sweep_totals *totals;
	estate_cell_totals *cells;
} step_sweep;

static void
sweep_start(step_sweep *w, const estate_core_piece *core, size_t ncore,
			estate_sweep_totals *totals, estate_cell_totals *cells)
{
	w->core = core;
	w->ncore = ncore;
	w->first = 0;
	w->at = 0;
	w->level = 0;
	w->totals = totals;
	w->cells = cells;
	start_totals(core, ncore, totals, cells);
}

static inline void
sweep_step(step_sweep *w, int64_t at, int64_t level)
{
	int64_t		known = ESTATE_STEP_KNOWN(w->level);
	int64_t		m;

	if (w->level != 0)
	{
		m = core_time(w->core, w->ncore, &w->first, w->at, at,
					  known > 0 ? w->cells : NULL, (uint64_t) known);
		if (m > 0)
		{
			w->totals->in_use_us += m;
			if (known > 0)
			{
				w->totals->known_us += m;
				estate_wide_add_product(&w->totals->person_us, (uint64_t) known, (uint64_t) m);
				if (known > w->totals->peak)
					w->totals->peak = known;
			}
		}
	}
	w->at = at;
	w->level = level;
}

void
estate_steps_sweep(const estate_step *s, size_t n, const estate_core_piece *core, size_t ncore,
				   estate_sweep_totals *totals, estate_cell_totals *cells)
{
	step_sweep	w;

	sweep_start(&w, core, ncore, totals, cells);
	for (size_t i = 0; i < n; i++)
		sweep_step(&w, s[i].at, s[i].level);
}

estate_status
estate_steps_merge_sweep(estate_step_reader *a, estate_step_reader *b,
						 const estate_core_piece *core, size_t ncore,
						 estate_sweep_totals *totals, estate_cell_totals *cells)
{
	step_sweep	w;
	step_merge	m;
	int64_t		t;
	int64_t		level;
	int			more;

	sweep_start(&w, core, ncore, totals, cells);
	merge_start(&m, a, b);
	while ((more = merge_next(&m, &t, &level)) > 0)
		sweep_step(&w, t, level);
	return more < 0 ? ESTATE_ERR_RANGE : ESTATE_OK;
}

/* ---------------------------------------------------------------------------
 * The final division
 * ------------------------------------------------------------------------- */

double
estate_rate(estate_wide person, int32_t capacity, int64_t time_us)
{
	estate_wide denominator = estate_wide_of(0);

	estate_wide_add_product(&denominator, (uint64_t) capacity, (uint64_t) time_us);
	return estate_wide_to_double(person) / estate_wide_to_double(denominator);
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
