/*
 * libFuzzer harness of the text form of the plan_investment state, and
 * through it of the simulation and the plan's forms.
 *
 * Checks, beyond crashes and undefined behaviour: an accepted state's
 * scenario encodes and decodes to the same bytes and its records read back,
 * and packed unpack to the same bytes;
 * printing it gives text that parses to the same scenario and records and
 * prints the same; and, for a small state with distinct ids, the plan the
 * simulation makes passes every check a received plan must pass, and its
 * text parses back to the same bytes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "investment_plan.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every allocation of a simulation, freed together. */
typedef struct arena
{
	void	   *block[4096];
	int			n;
} arena;

static void *
arena_alloc(size_t size, void *arg)
{
	arena	   *a = arg;
	void	   *p = malloc(size ? size : 1);

	if (p == NULL || a->n == 4096)
		abort();
	a->block[a->n++] = p;
	return p;
}

static int
item_cmp(const void *pa, const void *pb)
{
	const estate_plan_item *a = pa;
	const estate_plan_item *b = pb;

	return estate_plan_id_cmp(a->id, a->id_len, b->id, b->id_len);
}

static void
check_plan(const estate_plan_scenario *s, int form, estate_plan_item *items, size_t n)
{
	static arena a;
	estate_plan_year years[PLAN_HORIZON_MAX];
	estate_plan_outcome *out = malloc(sizeof(estate_plan_outcome) * (n + 1));
	const char *why = NULL;
	estate_status st;

	a.n = 0;
	estate_plan_sort_items(items, n, arena_alloc, &a);
	for (size_t i = 1; i < n; i++)
	{
		int			c = item_cmp(&items[i - 1], &items[i]);

		if (c > 0)
			abort();			/* not sorted */
		if (c == 0)
			goto done;
	}
	st = estate_plan_simulate(s, form, items, n, years, out, arena_alloc, &a, &why);
	if (st == ESTATE_OK)
	{
		size_t		size = estate_plan_size(s->horizon, items, n);
		unsigned char *bin = malloc(size);
		estate_plan_view v;
		char	   *text;
		size_t		tlen;
		unsigned char *bin2;
		size_t		size2;

		estate_plan_encode(form, s->from_year, s->horizon, years, items, out, n, bin);
		if (estate_plan_decode(bin, size, &v, &why) != ESTATE_OK)
			abort();
		text = malloc(estate_plan_text_max(&v) + 1);
		tlen = estate_plan_format(&v, text);
		if (tlen > estate_plan_text_max(&v))
			abort();
		bin2 = malloc(estate_plan_binary_max(tlen));
		if (estate_plan_parse(text, tlen, bin2, &size2, &why) != ESTATE_OK ||
			size2 != size || memcmp(bin, bin2, size) != 0)
			abort();
		free(bin2);
		free(text);
		free(bin);
	}
	else if (st != ESTATE_ERR_RANGE || why == NULL)
		abort();
done:
	for (int i = 0; i < a.n; i++)
		free(a.block[i]);
	free(out);
}

/* Records checked already pack and unpack to the same bytes. */
static void
check_repack(const unsigned char *raw, size_t raw_len, int64_t n, int form)
{
	size_t		max = estate_plan_records_packed_max(raw_len, n);
	unsigned char *packed = malloc(max + 1);
	unsigned char *back = malloc(raw_len + 1);
	const char *why = NULL;
	size_t		plen = estate_plan_records_pack(raw, raw_len, packed);

	if (plen > max ||
		estate_plan_records_unpack(packed, plen, n, form, back, raw_len, &why) != ESTATE_OK ||
		memcmp(raw, back, raw_len) != 0)
		abort();
	free(back);
	free(packed);
}

/*
 * The input as packed records too (a count, a form and the unpacked size
 * from its first 3 bytes): unpacked, they pack and unpack to the same bytes.
 */
static void
check_unpack(const uint8_t *data, size_t size)
{
	int64_t		n = data[0] & 0x3f;
	int			form = data[0] & 0x40 ? PLAN_FORM_BAND : PLAN_FORM_GRADE;
	size_t		raw_len = data[1] | (size_t) data[2] << 8;
	unsigned char *raw = malloc(raw_len + 1);
	const char *why = NULL;

	if (estate_plan_records_unpack(data + 3, size - 3, n, form, raw, raw_len, &why) == ESTATE_OK)
		check_repack(raw, raw_len, n, form);
	else if (why == NULL)
		abort();
	free(raw);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *) data;
	estate_plan_scenario sc;
	estate_plan_scenario back;
	char	   *scratch = malloc(size + 1);
	unsigned char *records = malloc(estate_plan_state_records_max(size));
	unsigned char *blob;
	unsigned char *blob2;
	size_t		records_len;
	size_t		used;
	int64_t		nitems;
	int			form;
	const char *why = NULL;
	estate_plan_item *items;
	size_t		at = 0;
	char	   *text;
	size_t		k;

	if (size >= 3)
		check_unpack(data, size);
	if (estate_plan_state_parse(s, size, &sc, scratch, &form, records, &records_len, &nitems, &why) != ESTATE_OK)
	{
		if (why == NULL)
			abort();
		goto out;
	}
	if (records_len > estate_plan_state_records_max(size))
		abort();
	blob = malloc(estate_plan_scenario_size(&sc));
	estate_plan_scenario_encode(&sc, blob);
	if (estate_plan_scenario_decode(blob, estate_plan_scenario_size(&sc), &back, &used, &why) != ESTATE_OK ||
		used != estate_plan_scenario_size(&sc))
		abort();
	blob2 = malloc(used);
	estate_plan_scenario_encode(&back, blob2);
	if (memcmp(blob, blob2, used) != 0)
		abort();

	items = malloc(sizeof(estate_plan_item) * (size_t) (nitems + 1));
	text = malloc(estate_plan_scenario_text_max(&sc) + 64 + 2 * records_len + 64 * (size_t) nitems);
	k = estate_plan_scenario_format(&sc, text);
	k += (size_t) sprintf(text + k, "; form=%s; items={", form == PLAN_FORM_GRADE ? "grade" : "band");
	for (int64_t i = 0; i < nitems; i++)
	{
		size_t		n = estate_plan_record_read(records + at, records_len - at, form, &items[i], &why);

		if (n == 0)
			abort();
		at += n;
		if (i > 0)
			k += (size_t) sprintf(text + k, ", ");
		k += estate_plan_item_format(&items[i], form, text + k);
	}
	text[k++] = '}';
	if (at != records_len)
		abort();
	check_repack(records, records_len, nitems, form);
	{
		char	   *scratch2 = malloc(k + 1);
		unsigned char *records2 = malloc(estate_plan_state_records_max(k));
		estate_plan_scenario sc2;
		size_t		records_len2;
		int64_t		nitems2;
		int			form2;
		unsigned char *blob3 = malloc(used);

		if (estate_plan_state_parse(text, k, &sc2, scratch2, &form2, records2, &records_len2, &nitems2, &why) != ESTATE_OK ||
			form2 != form || nitems2 != nitems || records_len2 != records_len ||
			memcmp(records2, records, records_len) != 0 || estate_plan_scenario_size(&sc2) != used)
			abort();
		estate_plan_scenario_encode(&sc2, blob3);
		if (memcmp(blob3, blob, used) != 0)
			abort();
		free(blob3);
		free(records2);
		free(scratch2);
	}
	/* Simulate small states with short rates (long ones are slow, not wrong). */
	if (nitems <= 64 && sc.inflation_len + sc.escalation_len <= 24)
		check_plan(&sc, form, items, (size_t) nitems);
	free(text);
	free(items);
	free(blob2);
	free(blob);
out:
	free(records);
	free(scratch);
	return 0;
}
