/*
 * Unit tests of the sort-and-sweep (src/core/sweep.c) and of the state's
 * text form (src/core/utilisation_state.c), without a server: hand-computed cases,
 * then random ones against a brute-force count over every time unit.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "sweep.h"
#include "utilisation_state.h"

static void *
grow(void *ptr, size_t size, void *arg)
{
	(void) arg;
	if (size == 0)
	{
		free(ptr);
		return NULL;
	}
	return realloc(ptr, size);
}

static estate_sweep_totals
sweep(estate_period *p, size_t n, const estate_core_piece *core, size_t ncore)
{
	estate_sweep_totals t;
	static estate_period scratch[400];

	/* Bucket sort from BUCKET_MIN (256) periods; both sorts otherwise. */
	estate_periods_sort(p, n, n % 2 ? scratch : NULL);
	if (estate_sweep(p, n, core, ncore, &t, NULL, grow, NULL) != ESTATE_OK)
		printf("# sweep failed\n");
	return t;
}

static int
wide_is(estate_wide v, uint64_t expected)
{
	estate_wide e = estate_wide_of(0);

	estate_wide_add_product(&e, expected, 1);
	return estate_wide_cmp(v, e) == 0;
}

/* Brute force: walk every time unit in [0, horizon). */
static estate_sweep_totals
brute(const estate_period *p, size_t n, const estate_core_piece *core, size_t ncore,
	  int64_t horizon)
{
	estate_sweep_totals t;
	uint64_t	person = 0;

	memset(&t, 0, sizeof(t));
	for (int64_t x = 0; x < horizon; x++)
	{
		int			in_core = 0;
		int			in_use = 0;
		int			known = 0;
		int64_t		headcount = 0;

		for (size_t k = 0; k < ncore; k++)
			if (core[k].start <= x && x < core[k].end)
				in_core = 1;
		if (!in_core)
			continue;
		t.core_us++;
		for (size_t i = 0; i < n; i++)
			if (p[i].start <= x && x < p[i].end)
			{
				in_use = 1;
				if (p[i].headcount != ESTATE_HEADCOUNT_UNKNOWN)
				{
					known = 1;
					headcount += p[i].headcount;
				}
			}
		t.in_use_us += in_use;
		t.known_us += known;
		person += (uint64_t) headcount;
		if (headcount > t.peak)
			t.peak = headcount;
	}
	t.person_us = estate_wide_of(0);
	estate_wide_add_product(&t.person_us, person, 1);
	return t;
}

static int
same_totals(estate_sweep_totals a, estate_sweep_totals b)
{
	return a.core_us == b.core_us && a.in_use_us == b.in_use_us &&
		a.known_us == b.known_us && estate_wide_cmp(a.person_us, b.person_us) == 0 &&
		a.peak == b.peak;
}

/* Per-cell totals cleared for a sweep of n core pieces (8 at most). */
static void
clear_cells(estate_cell_totals cells[8], size_t n)
{
	memset(cells, 0, sizeof(estate_cell_totals) * 8);
	for (size_t c = 0; c < n; c++)
		cells[c].person_us = estate_wide_of(0);
}

static int
same_cells(const estate_cell_totals *a, const estate_cell_totals *b, size_t n)
{
	for (size_t c = 0; c < n; c++)
		if (a[c].core_us != b[c].core_us || estate_wide_cmp(a[c].person_us, b[c].person_us) != 0)
			return 0;
	return 1;
}

static unsigned long rng = 12345;

static int
rnd(int n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (int) ((rng >> 33) % (unsigned long) n);
}

int
main(void)
{
	/* Hours as units. */
	estate_core_piece day[1] = {{8, 18, 0}};

	/* Overlapping bookings: union for time in use, headcounts add. */
	{
		estate_period p[] = {{9, 11, 10}, {10, 12, 5}, {17, 19, ESTATE_HEADCOUNT_UNKNOWN}};
		estate_sweep_totals t = sweep(p, 3, day, 1);
		estate_utilisation u;

		is_int(t.core_us, 10, "core time 08-18");
		is_int(t.in_use_us, 4, "in use 09-12 and 17-18 (the unknown booking clipped)");
		is_int(t.known_us, 3, "known headcount 09-12");
		ok(wide_is(t.person_us, 30), "person-time 10x2 + 5x2");
		is_int(t.peak, 15, "peak 10 + 5 at 10-11");
		estate_utilisation_compute(&t, 20, &u);
		ok(u.hours_available * 3600e6 == 10 && u.frequency == 0.4 && u.occupancy == 0.5 && u.rate == 0.15,
		   "frequency 0.4, occupancy 30/(20x3) = 0.5, rate 30/(20x10) = 0.15");
	}

	/* A room with no periods. */
	{
		estate_sweep_totals t = sweep(NULL, 0, day, 1);
		estate_utilisation u;

		estate_utilisation_compute(&t, 10, &u);
		ok(t.in_use_us == 0 && u.frequency == 0 && !u.frequency_null && u.occupancy_null &&
		   u.rate == 0 && !u.rate_null && u.peak_headcount == 0,
		   "unused room: frequency 0, occupancy NULL, rate 0, peak 0");
	}

	/* No core time: frequency and rate are NULL. */
	{
		estate_period p[] = {{1, 5, 3}};
		estate_sweep_totals t = sweep(p, 1, NULL, 0);
		estate_utilisation u;

		estate_utilisation_compute(&t, 10, &u);
		ok(t.core_us == 0 && t.in_use_us == 0 && u.frequency_null && u.rate_null && u.occupancy_null,
		   "no core time: frequency, occupancy and rate NULL");
	}

	/* Over capacity; periods outside core time; back-to-back periods. */
	{
		estate_period p[] = {{0, 8, 50}, {8, 10, 30}, {10, 12, 30}, {18, 24, 50}};
		estate_sweep_totals t = sweep(p, 4, day, 1);
		estate_utilisation u;

		estate_utilisation_compute(&t, 20, &u);
		ok(t.in_use_us == 4 && wide_is(t.person_us, 120) && t.peak == 30 && u.occupancy == 1.5,
		   "over capacity: occupancy 120/(20x4) = 1.5; outside core hours ignored");
	}

	/* Only unknown headcounts: in use, occupancy NULL, rate 0. */
	{
		estate_period p[] = {{8, 18, ESTATE_HEADCOUNT_UNKNOWN}};
		estate_sweep_totals t = sweep(p, 1, day, 1);
		estate_utilisation u;

		estate_utilisation_compute(&t, 20, &u);
		ok(u.frequency == 1 && u.occupancy_null && u.rate == 0 && u.peak_headcount == 0,
		   "unknown headcounts: frequency 1, occupancy NULL, rate 0");
	}

	/* Core time in several pieces; a period spanning them. */
	{
		estate_core_piece split[3] = {{0, 2, 0}, {4, 6, 1}, {10, 11, 2}};
		estate_period p[] = {{1, 11, 2}, {5, 20, 1}};
		estate_sweep_totals t;
		estate_cell_totals cells[3];

		memset(cells, 0, sizeof(cells));
		estate_periods_sort(p, 2, NULL);
		estate_sweep(p, 2, split, 3, &t, cells, grow, NULL);
		ok(t.core_us == 5 && t.in_use_us == 4 && wide_is(t.person_us, 1 * 2 + 2 * 2 + 1 * 1 + 3 * 1),
		   "a period across three core pieces");
		ok(cells[0].core_us == 2 && cells[1].core_us == 2 && cells[2].core_us == 1 &&
		   wide_is(cells[0].person_us, 2) && wide_is(cells[1].person_us, 5) &&
		   wide_is(cells[2].person_us, 3), "per-cell core time and person-time");
	}

	/* Many concurrent periods: the heap grows past its first allocation. */
	{
		static estate_period p[1000];
		estate_sweep_totals t;
		estate_core_piece all[1] = {{0, 3000, 0}};

		for (int i = 0; i < 1000; i++)
		{
			p[i].start = 999 - i;
			p[i].end = 1000 + i;
			p[i].headcount = 1;
		}
		t = sweep(p, 1000, all, 1);
		is_int(t.peak, 1000, "1000 nested periods: peak 1000");
		is_int(t.in_use_us, 1999 - 0, "in use from 0 to 1999");
		ok(estate_periods_sorted(p, 1000), "sorted by start");
	}

	/* Random cases against brute force. */
	for (int round = 0; round < 2000; round++)
	{
		estate_period p[400];
		estate_period copy[400];
		estate_core_piece core[8];
		/* Every tenth case is large enough for the bucket sort. */
		size_t		n = (size_t) (round % 10 == 0 ? 256 + rnd(144) : rnd(40));
		size_t		ncore = 0;
		int64_t		x = rnd(5);
		estate_sweep_totals got;
		estate_sweep_totals want;

		while (ncore < 8 && x < 190)
		{
			core[ncore].start = x;
			core[ncore].end = x + 1 + rnd(30);
			core[ncore].cell = 0;
			x = core[ncore].end + rnd(10) + (round % 3 == 0 ? 0 : 1);
			/* Touching pieces are allowed; overlapping ones are not. */
			ncore++;
		}
		for (size_t i = 0; i < n; i++)
		{
			p[i].start = rnd(200);
			p[i].end = p[i].start + 1 + rnd(round % 2 ? 60 : 5);
			p[i].headcount = rnd(5) == 0 ? ESTATE_HEADCOUNT_UNKNOWN : 1 + rnd(50);
		}
		for (size_t k = 0; k < ncore; k++)
			core[k].cell = (int32_t) k;
		memcpy(copy, p, sizeof(p));
		want = brute(copy, n, core, ncore, 300);
		got = sweep(p, n, core, ncore);
		/* Per cell: each piece as the only core time, against the totals. */
		for (size_t k = 0; k < ncore; k++)
		{
			estate_cell_totals cells[8];
			estate_sweep_totals one;
			estate_sweep_totals all;

			clear_cells(cells, ncore);
			estate_sweep(p, n, core, ncore, &all, cells, grow, NULL);
			estate_sweep(p, n, &core[k], 1, &one, NULL, grow, NULL);
			if (cells[k].core_us != one.core_us || estate_wide_cmp(cells[k].person_us, one.person_us) != 0 ||
				!same_totals(all, got))
				want.peak = -1;	/* reported below as a mismatch */
		}
		/*
		 * The step functions: of all the periods, and of two or three parts
		 * swept apart and merged (as partial states are), give the same
		 * totals and cells as the sweep over the periods.
		 */
		{
			estate_period part[400];
			estate_step whole[800];
			estate_step acc[800];
			estate_step one[800];
			estate_step merged[800];
			size_t		nwhole;
			size_t		nacc = 0;
			size_t		parts = 2 + (size_t) rnd(2);
			estate_cell_totals cells_p[8];
			estate_cell_totals cells_s[8];
			estate_sweep_totals by_steps;
			estate_sweep_totals by_periods;

			if (estate_steps_of_periods(p, n, whole, &nwhole, grow, NULL) != ESTATE_OK ||
				estate_steps_check(0, 300, whole, nwhole) != NULL)
				want.peak = -1;
			for (size_t k = 0; k < parts; k++)
			{
				size_t		npart = 0;
				size_t		none;

				for (size_t i = k; i < n; i += parts)
					part[npart++] = copy[i];
				estate_periods_sort(part, npart, NULL);
				estate_steps_of_periods(part, npart, one, &none, grow, NULL);
				estate_steps_merge(acc, nacc, one, none, merged, &nacc);
				memcpy(acc, merged, nacc * sizeof(estate_step));
			}
			if (nacc != nwhole || memcmp(acc, whole, nwhole * sizeof(estate_step)) != 0)
				want.peak = -1;
			clear_cells(cells_p, ncore);
			clear_cells(cells_s, ncore);
			estate_sweep(p, n, core, ncore, &by_periods, cells_p, grow, NULL);
			estate_steps_sweep(acc, nacc, core, ncore, &by_steps, cells_s);
			if (!same_totals(by_steps, got))
				want.peak = -1;
			if (!same_cells(cells_p, cells_s, ncore))
				want.peak = -1;

			/*
			 * Two parts' step functions merged as they are swept, one read
			 * from an array, the other from its packed form (as the final
			 * function reads a leader's and a worker's): the same totals
			 * and cells again.
			 */
			{
				estate_period half[400];
				estate_step first[800];
				estate_step second[800];
				uint8_t		packed[800 * ESTATE_STEP_PACKED_MAX];
				size_t		nfirst;
				size_t		nsecond;
				size_t		nhalf = 0;
				size_t		len;
				uint64_t	unit;
				estate_step_reader ra;
				estate_step_reader rb;
				estate_cell_totals cells_m[8];
				estate_sweep_totals by_merge;

				for (size_t i = 0; i < n; i += 2)
					half[nhalf++] = copy[i];
				estate_periods_sort(half, nhalf, NULL);
				estate_steps_of_periods(half, nhalf, first, &nfirst, grow, NULL);
				nhalf = 0;
				for (size_t i = 1; i < n; i += 2)
					half[nhalf++] = copy[i];
				estate_periods_sort(half, nhalf, NULL);
				estate_steps_of_periods(half, nhalf, second, &nsecond, grow, NULL);
				unit = estate_steps_unit(0, second, nsecond);
				len = estate_steps_pack(0, unit, second, nsecond, packed);
				estate_step_reader_array(&ra, first, nfirst);
				estate_step_reader_packed(&rb, 0, unit, packed, len, nsecond);
				clear_cells(cells_m, ncore);
				if (estate_steps_merge_sweep(&ra, &rb, core, ncore, &by_merge, cells_m) != ESTATE_OK ||
					!estate_step_reader_whole(&ra) || !estate_step_reader_whole(&rb) ||
					!same_totals(by_merge, got))
					want.peak = -1;
				if (!same_cells(cells_p, cells_m, ncore))
					want.peak = -1;
			}
		}
		/* The packed form (a flattened state's) gives the same steps back. */
		{
			estate_step whole[800];
			estate_step back[800];
			uint8_t		packed[800 * ESTATE_STEP_PACKED_MAX];
			size_t		nwhole;
			size_t		len;
			uint64_t	unit;

			estate_periods_sort(copy, n, NULL);
			estate_steps_of_periods(copy, n, whole, &nwhole, grow, NULL);
			unit = estate_steps_unit(-7, whole, nwhole);
			len = estate_steps_pack(-7, unit, whole, nwhole, packed);
			if (!estate_steps_unpack(-7, unit, packed, len, back, nwhole) ||
				memcmp(back, whole, nwhole * sizeof(estate_step)) != 0 ||
				(nwhole > 0 && estate_steps_unpack(-7, unit, packed, len - 1, back, nwhole)))
				want.peak = -1;
			/* Packed as they are swept, in the periods' unit: the same steps. */
			unit = estate_periods_unit(-7, copy, n);
			if (estate_periods_pack(-7, unit, copy, n, packed, &len, &nwhole, grow, NULL) != ESTATE_OK ||
				!estate_steps_unpack(-7, unit, packed, len, back, nwhole) ||
				memcmp(back, whole, nwhole * sizeof(estate_step)) != 0)
				want.peak = -1;
		}
		if (!same_totals(got, want))
		{
			ok(0, "random case %d matches brute force", round);
			printf("#   core %lld/%lld in use %lld/%lld known %lld/%lld peak %lld/%lld\n",
				   (long long) got.core_us, (long long) want.core_us,
				   (long long) got.in_use_us, (long long) want.in_use_us,
				   (long long) got.known_us, (long long) want.known_us,
				   (long long) got.peak, (long long) want.peak);
			break;
		}
		if (round == 1999)
			ok(1, "2000 random cases match brute force, swept whole, in merged parts, merged as swept, and packed");
	}

	/* Sorting: random, many equal keys, reverse, sorted. */
	{
		static estate_period p[100000];
		int			good = 1;

		for (int kind = 0; kind < 4; kind++)
		{
			for (int i = 0; i < 100000; i++)
			{
				p[i].start = kind == 0 ? rnd(1 << 30) : kind == 1 ? rnd(3) :
					kind == 2 ? 100000 - i : i;
				p[i].end = p[i].start + 1;
				p[i].headcount = i;
			}
			estate_periods_sort(p, 100000, NULL);
			good = good && estate_periods_sorted(p, 100000);
		}
		ok(good, "introsort sorts random, few-valued, reversed and sorted input");
	}

	/* Bucket sort: the same kinds, negative and extreme starts, and one
	 * crowded range among spread ones. */
	{
		static estate_period p[100000];
		static estate_period scratch[100000];
		int			good = 1;

		for (int kind = 0; kind < 7; kind++)
		{
			int64_t		sum = 0;
			int64_t		sum_after = 0;

			for (int i = 0; i < 100000; i++)
			{
				p[i].start = kind == 0 ? rnd(1 << 30) : kind == 1 ? rnd(3) :
					kind == 2 ? 100000 - i : kind == 3 ? i :
					kind == 4 ? (int64_t) rnd(1 << 30) * (rnd(2) ? -1000000 : 1000000) :
					kind == 5 ? (rnd(2) ? INT64_MIN : INT64_MAX - rnd(2)) :
					(i % 2 ? rnd(1000) : (int64_t) rnd(1 << 30) << 20);
				p[i].end = kind == 5 ? p[i].start : p[i].start + 1;
				p[i].headcount = i;
				sum += i;
			}
			estate_periods_sort(p, 100000, scratch);
			good = good && estate_periods_sorted(p, 100000);
			for (int i = 0; i < 100000; i++)
				sum_after += p[i].headcount;
			good = good && sum == sum_after;
		}
		ok(good, "bucket sort sorts random, few-valued, reversed, sorted, signed, extreme and crowded input");
	}

	/* Step functions by hand. */
	{
		/* 2 people 0-10, 3 from 5-15, one unknown 12-20, one 20-25: */
		estate_period p[4] = {{0, 10, 2}, {5, 15, 3}, {12, 20, ESTATE_HEADCOUNT_UNKNOWN}, {20, 25, 1}};
		estate_step s[8];
		estate_step t[8];
		estate_step m[16];
		size_t		n;
		size_t		nt;
		size_t		nm;
		estate_core_piece core[1] = {{0, 100, 0}};
		estate_sweep_totals tot;

		estate_steps_of_periods(p, 4, s, &n, grow, NULL);
		/* levels: 0-5 4, 5-10 10, 10-12 6, 12-15 7, 15-20 1, 20-25 2, then 0 */
		ok(n == 7 && s[0].at == 0 && s[0].level == 4 && s[1].at == 5 && s[1].level == 10 &&
		   s[2].at == 10 && s[2].level == 6 && s[3].at == 12 && s[3].level == 7 &&
		   s[4].at == 15 && s[4].level == 1 && s[5].at == 20 && s[5].level == 2 &&
		   s[6].at == 25 && s[6].level == 0, "steps of overlapping periods, unknown ones as the low bit");
		ok(estate_steps_check(0, 25, s, n) == NULL, "they form a step function");
		estate_steps_sweep(s, n, core, 1, &tot, NULL);
		/* in use 0-25; known 0-15 and 20-25; person 2x10 + 3x10 + 1x5 = 55; peak 5 */
		ok(tot.in_use_us == 25 && tot.known_us == 20 && wide_is(tot.person_us, 55) && tot.peak == 5,
		   "totals of the steps");
		/* Back to back with the same headcount: one step up, one down. */
		{
			estate_period q[3] = {{0, 10, 4}, {10, 20, 4}, {20, 30, 5}};

			estate_steps_of_periods(q, 3, t, &nt, grow, NULL);
			ok(nt == 3 && t[0].level == 8 && t[1].at == 20 && t[1].level == 10 && t[2].at == 30,
			   "readings back to back with one headcount are one step");
		}
		/* Merging: the sum of levels, unknown if either is. */
		estate_steps_merge(s, n, t, nt, m, &nm);
		ok(nm == 8 && m[0].level == 12 && m[1].at == 5 && m[1].level == 18 && m[5].at == 20 &&
		   m[5].level == 12 && m[6].at == 25 && m[6].level == 10 && m[7].at == 30 && m[7].level == 0,
		   "merge adds the levels");
		estate_steps_merge(s, n, NULL, 0, m, &nm);
		ok(nm == n && memcmp(m, s, n * sizeof(estate_step)) == 0, "merging with nothing copies");
		{
			estate_step big[2] = {{0, 2 * ESTATE_STEP_KNOWN_MAX}, {1, 0}};
			estate_step one[2] = {{0, 2}, {1, 0}};
			estate_step_reader r1;
			estate_step_reader r2;
			estate_sweep_totals tot;

			ok(estate_steps_merge(big, 2, one, 2, m, &nm) == ESTATE_ERR_RANGE,
			   "a known headcount beyond 2^60 in progress is out of range");
			estate_step_reader_array(&r1, big, 2);
			estate_step_reader_array(&r2, one, 2);
			ok(estate_steps_merge_sweep(&r1, &r2, day, 1, &tot, NULL) == ESTATE_ERR_RANGE,
			   "merged as swept, a known headcount beyond 2^60 is out of range too");
		}
		{
			estate_step bad1[2] = {{0, 2}, {0, 0}};
			estate_step bad2[2] = {{0, 2}, {5, 2}};
			estate_step bad3[1] = {{0, 2}};
			estate_step bad4[2] = {{-1, 2}, {5, 0}};
			estate_step bad5[2] = {{0, -2}, {5, 0}};
			estate_step bad6[2] = {{0, 0}, {5, 0}};
			estate_step bad7[2] = {{0, 2}, {5, 0}};

			ok(estate_steps_check(0, 10, bad1, 2) && estate_steps_check(0, 10, bad2, 2) &&
			   estate_steps_check(0, 10, bad3, 1) && estate_steps_check(0, 10, bad4, 2) &&
			   estate_steps_check(0, 10, bad5, 2) && estate_steps_check(0, 10, bad6, 2) &&
			   estate_steps_check(0, 4, bad7, 2),
			   "repeated instants or levels, no return to 0, outside the span, negative levels are not steps");
		}
		ok(sizeof(estate_step) == 16, "a step takes 16 bytes");
	}

	/*
	 * Packing as they are swept hands steps on a buffer at a time: many
	 * thousands of overlapping periods, whose steps at one instant collapse
	 * across the buffer's edges, pack to the steps stored whole.
	 */
	{
		static estate_period p[6000];
		static estate_step whole[12000];
		static estate_step back[12000];
		static uint8_t packed[12000 * ESTATE_STEP_PACKED_MAX];
		int			same = 1;

		for (int round = 0; round < 20; round++)
		{
			size_t		n = 1000 + (size_t) rnd(5000);
			size_t		nwhole;
			size_t		nback;
			size_t		len;
			uint64_t	unit;

			for (size_t i = 0; i < n; i++)
			{
				p[i].start = 5 * (int64_t) rnd(20000);
				p[i].end = p[i].start + 5 * (1 + rnd(4));
				p[i].headcount = rnd(5) == 0 ? ESTATE_HEADCOUNT_UNKNOWN : 1 + rnd(3);
			}
			estate_periods_sort(p, n, NULL);
			estate_steps_of_periods(p, n, whole, &nwhole, grow, NULL);
			unit = estate_periods_unit(0, p, n);
			if (estate_periods_pack(0, unit, p, n, packed, &len, &nback, grow, NULL) != ESTATE_OK ||
				nback != nwhole || unit % 5 != 0 ||
				!estate_steps_unpack(0, unit, packed, len, back, nback) ||
				memcmp(back, whole, nwhole * sizeof(estate_step)) != 0)
				same = 0;
		}
		ok(same, "thousands of periods packed as they are swept give the steps stored whole");
	}

	/* Merging two sorted runs. */
	{
		estate_period a[3] = {{1, 2, 1}, {4, 5, 1}, {9, 10, 1}};
		estate_period b[2] = {{2, 3, 2}, {4, 6, 2}};
		estate_period out[5];

		estate_periods_merge(a, 3, b, 2, out);
		ok(estate_periods_sorted(out, 5) && out[0].start == 1 && out[4].start == 9,
		   "merge keeps order");
	}

	/* 128-bit person-time beyond 64 bits. */
	{
		estate_wide acc = estate_wide_of(0);
		estate_wide big = estate_wide_of(0);

		estate_wide_add_product(&acc, UINT64_MAX, UINT64_C(1) << 62);
		estate_wide_add_product(&acc, UINT64_C(1) << 62, 1);
		/* (2^64-1) * 2^62 + 2^62 = 2^126 */
		estate_wide_add_product(&big, UINT64_MAX, 1);
		ok(estate_wide_cmp(acc, big) > 0, "(2^64-1) * 2^62 + 2^62 exceeds 2^64 - 1");
		ok(estate_wide_to_double(acc) == 85070591730234615865843651857942052864.0,
		   "and is 2^126, about 8.5e37");
		ok(sizeof(estate_period) == 20, "a period takes 20 bytes");
	}

	/* The state's text form. */
	{
		estate_core_hours core;
		int32_t		closed[2] = {9000, 9001};
		uint8_t		core_bytes[64];
		estate_period p[2] = {{1000, 5000, 3}, {2000, 2500, ESTATE_HEADCOUNT_UNKNOWN}};
		estate_step steps[4];
		size_t		nsteps;
		estate_group_key key;
		char		buf[1024];
		estate_state_text head;
		int32_t		closed2[2];
		estate_period p2[2];
		estate_step s2[4];
		const char *detail = NULL;
		const char *what;
		static const char *const bad[] = {
			"",
			"v4 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=0:",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v2capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=0 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=2147483648 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=1 span=10,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC closed={} periods={}",
			"v1 capacity=1 span=0,10 core=\"Mon 25:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={2,1} periods={}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={1,1} periods={}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={0+10*0}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={0+11*1}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={10+1*1}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={0+0*1}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={-1+2*1}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={0+1*1,}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={0+1*1}x",
			"v1 capacity=1 span=-9223372036854775808,10 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=1 span=0,9223372036854775807 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=1 span=0,99999999999999999999 core=\"Mon 08:00-18:00 UTC\" closed={} periods={}",
			"v1 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={2147483647} periods={}",
			"v1 capacity=1 span=-9223372036854775807,9223372036854775806 core=\"Mon 08:00-18:00 UTC\" closed={} "
			"periods={9223372036854775807+1*1}",
			/* version 3: unit, count, digits, and what the steps must be */
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=0 steps=0:",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=0",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=3:1250",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=1:12",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1250x",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:12*0",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:12A0",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1200",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1202",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1252",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=2 steps=2:1250",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:b050",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:12a050",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1b",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1"
			"ffffffffffffV50",
			"v3 capacity=1 span=0,10 core=\"Mon 08:00-18:00 UTC\" closed={} unit=1 steps=2:1"
			"////////////850",
		};

		estate_core_hours_parse("Mon-Fri 08:00-18:00 UTC", 23, &core, NULL);
		estate_core_hours_encode(&core, core_bytes);
		key.capacity = 30;
		key.span_lo = -500;
		key.span_hi = 100000;
		key.core = core_bytes;
		key.core_len = estate_core_hours_encoded_size(&core);
		key.closed = closed;
		key.nclosed = 2;
		estate_steps_of_periods(p, 2, steps, &nsteps, grow, NULL);
		estate_state_format(&key, "Mon-Fri 08:00-18:00 UTC", steps, nsteps, buf);
		/*
		 * Steps at 1000 (level 6: 3 people), 2000 (7: and an unknown
		 * headcount), 2500 (6) and 5000 (0); their offsets from -500 are
		 * 1500, 2500, 3000 and 5500, so the unit is 500 and they are 3, 2,
		 * 1 and 5 units after the one before.
		 */
		ok(strcmp(buf, "v3 capacity=30 span=-500,100000 core=\"Mon-Fri 08:00-18:00 UTC\" "
				  "closed={9000,9001} unit=500 steps=4:36271650") == 0, "text form: %s", buf);
		ok(estate_state_parse(buf, strlen(buf), &head, &core, NULL, NULL, NULL, &detail) == ESTATE_OK &&
		   head.version == 3 && head.nclosed == 2 && head.nsteps == 4 && head.nperiods == 0, "counting pass");
		ok(estate_state_parse(buf, strlen(buf), &head, &core, closed2, NULL, s2, &detail) == ESTATE_OK &&
		   head.capacity == 30 && head.span_lo == -500 && head.span_hi == 100000 &&
		   closed2[1] == 9001 && memcmp(s2, steps, sizeof(steps)) == 0, "round trip");
		{
			/*
			 * 1000 = 8 + 31 x 32: digit 8 written 'i' (not last), then 31,
			 * 'V'.  Offsets 3000 and 3003: the unit is 3.
			 */
			estate_step big[2] = {{2500, 1000}, {2503, 0}};

			estate_state_format(&key, "Mon-Fri 08:00-18:00 UTC", big, 2, buf);
			ok(strstr(buf, " unit=3 steps=2:iViV10") != NULL, "numbers of two base-32 digits: %s", buf);
			ok(estate_state_parse(buf, strlen(buf), &head, &core, closed2, NULL, s2, &detail) == ESTATE_OK &&
			   memcmp(s2, big, sizeof(big)) == 0, "and back");
		}
		{
			const char *v2 = "v2 capacity=30 span=-500,100000 core=\"Mon-Fri 08:00-18:00 UTC\" "
				"closed={9000,9001} periods={1500+4000*3,2500+500*?}";

			ok(estate_state_parse(v2, strlen(v2), &head, &core, NULL, NULL, NULL, &detail) == ESTATE_OK &&
			   head.version == 2 && head.nclosed == 2 && head.nperiods == 2 && head.nsteps == 0,
			   "version 2's text (the periods listed) is read: counts");
			ok(estate_state_parse(v2, strlen(v2), &head, &core, closed2, p2, NULL, &detail) == ESTATE_OK &&
			   p2[0].start == 1000 && p2[0].end == 5000 && p2[0].headcount == 3 &&
			   p2[1].headcount == ESTATE_HEADCOUNT_UNKNOWN, "and periods");
		}
		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		{
			estate_period pp[4];
			estate_step ss[16];
			int32_t		cc[4];
			estate_status st = estate_state_parse(bad[i], strlen(bad[i]), &head, &core, NULL, NULL, NULL, &detail);

			if (st == ESTATE_OK)
				st = estate_state_parse(bad[i], strlen(bad[i]), &head, &core, cc, pp, ss, &detail);
			ok(st == ESTATE_ERR_SYNTAX, "bad state text %zu rejected: %s", i, detail);
		}
		{
			/*
			 * Version 1's text (estate 1.0) is read, its core hours as
			 * printed; the group key compares core hours by meaning, so a
			 * version-1 stored form equals version 2's of the same hours.
			 */
			const char *v1 = "v1 capacity=1 span=0,10 core=\"Mon 22:00-02:00 UTC\" closed={} periods={}";
			estate_core_hours split;
			uint8_t		night_v1[64];
			uint8_t		split_bytes[64];
			estate_group_key a = {1, 0, 10, NULL, 0, NULL, 0};
			estate_group_key b = a;

			ok(estate_state_parse(v1, strlen(v1), &head, &core, closed2, p2, NULL, &detail) == ESTATE_OK &&
			   core.nsegments == 1 && core.segments[0].day == 0 && core.segments[0].end == 1560,
			   "version 1's text is read, Mon 22:00-02:00 as Monday's night");
			estate_core_hours_encode(&core, core_bytes);
			memcpy(night_v1, core_bytes, estate_core_hours_encoded_size(&core));
			night_v1[0] = ESTATE_CORE_HOURS_VERSION_1;
			a.core = core_bytes;
			a.core_len = estate_core_hours_encoded_size(&core);
			b.core = night_v1;
			b.core_len = a.core_len;
			ok(estate_group_key_equal(&a, &b, &what), "a version-1 stored form is the same group key as version 2's");
			estate_core_hours_parse("Mon 22:00-24:00, Tue 00:00-02:00 UTC", 36, &split, NULL);
			estate_core_hours_encode(&split, split_bytes);
			b.core = split_bytes;
			b.core_len = estate_core_hours_encoded_size(&split);
			ok(!estate_group_key_equal(&a, &b, &what) && strcmp(what, "core") == 0,
			   "Mon 22:00-24:00, Tue 00:00-02:00 is another group key: %s", what);
		}
		{
			/* the longest span: 100 years of microseconds (ESTATE_SPAN_MAX_US) */
			const char *limits = "v1 capacity=2147483647 span=-1577880000000000,1577880000000000 "
				"core=\"Mon 08:00-18:00 UTC\" closed={-2147483647,2147483646} "
				"periods={0+3155760000000000*2147483647}";
			estate_period pp[1];
			int32_t		cc[2];

			ok(estate_state_parse(limits, strlen(limits), &head, &core, cc, pp, NULL, &detail) == ESTATE_OK &&
			   pp[0].start == -1577880000000000LL && pp[0].end == 1577880000000000LL &&
			   pp[0].headcount == 2147483647 && cc[0] == -2147483647,
			   "the extremes of every field parse");
		}
		{
			const char *longer = "v1 capacity=1 span=-1577880000000001,1577880000000000 "
				"core=\"Mon 08:00-18:00 UTC\" closed={} periods={}";

			ok(estate_state_parse(longer, strlen(longer), &head, &core, NULL, NULL, NULL, &detail) == ESTATE_OK &&
			   estate_state_parse(longer, strlen(longer), &head, &core, NULL, NULL, NULL, &detail) == ESTATE_OK,
			   "counting pass of a span one microsecond longer than 100 years");
			{
				int32_t		cc[1];

				ok(estate_state_parse(longer, strlen(longer), &head, &core, cc, NULL, NULL, &detail) == ESTATE_ERR_SYNTAX,
				   "but a span longer than 100 years is rejected (a longer one made the heatmap ask for "
				   "gigabytes, found by test/fuzz/recv.c): %s", detail);
			}
		}

		/* Group keys. */
		{
			estate_group_key other = key;

			ok(estate_group_key_equal(&key, &other, &what), "a key equals itself");
			other.capacity = 31;
			ok(!estate_group_key_equal(&key, &other, &what) && strcmp(what, "capacity") == 0, "capacity differs");
			other = key;
			other.span_hi++;
			ok(!estate_group_key_equal(&key, &other, &what) && strcmp(what, "span") == 0, "span differs");
			other = key;
			other.nclosed = 1;
			ok(!estate_group_key_equal(&key, &other, &what) && strcmp(what, "closed") == 0, "closed differs");
		}

		/* Dates: sorted, repeats dropped. */
		{
			int32_t		d[6] = {5, -3, 5, 0, -3, 9};

			is_int(estate_dates_normalise(d, 6), 4, "four distinct dates");
			ok(d[0] == -3 && d[1] == 0 && d[2] == 5 && d[3] == 9, "in ascending order");
		}
	}

	return done_testing();
}
