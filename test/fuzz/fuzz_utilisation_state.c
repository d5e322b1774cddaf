/*
 * libFuzzer harness of the text form of the space_utilisation state.
 *
 * Checks, beyond crashes and undefined behaviour: the counting pass and the
 * filling pass agree; an accepted state satisfies every invariant the
 * aggregate relies on (periods inside the span, valid headcounts, closed
 * dates ascending, a step function within the span); and printing it (an
 * older form's periods swept into steps first, as the server does) gives
 * text that parses back to the same steps and prints the same.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utilisation_state.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static estate_core_hours core;
static estate_core_hours core2;

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	estate_state_text head;
	estate_state_text head2;
	const char *detail = NULL;
	int32_t    *closed;
	estate_period *periods;
	estate_step *steps;
	estate_step *steps2;
	int32_t    *closed2;
	size_t		nsteps;
	uint8_t    *core_bytes;
	char	   *core_text;
	char	   *text;
	char	   *again;
	estate_group_key key;
	size_t		n;

	if (estate_state_parse((const char *) data, size, &head, &core, NULL, NULL, NULL, &detail) != ESTATE_OK)
	{
		if (detail == NULL)
			abort();
		return 0;
	}
	closed = malloc(sizeof(int32_t) * (head.nclosed + 1));
	periods = malloc(sizeof(estate_period) * (head.nperiods + 1));
	/* Room for the steps of an older form's periods too. */
	steps = malloc(sizeof(estate_step) * (head.nsteps + 2 * head.nperiods + 1));
	if (estate_state_parse((const char *) data, size, &head2, &core, closed, periods, steps, &detail) != ESTATE_OK)
	{
		if (detail == NULL)
			abort();
		free(closed);
		free(periods);
		free(steps);
		return 0;
	}
	if (head2.nclosed != head.nclosed || head2.nperiods != head.nperiods || head2.nsteps != head.nsteps ||
		head2.version != head.version)
		abort();
	if (estate_state_check_key(head.capacity, head.span_lo, head.span_hi, closed, head.nclosed, NULL) != ESTATE_OK)
		abort();
	for (size_t i = 0; i < head.nperiods; i++)
		if (estate_state_check_period(head.span_lo, head.span_hi, &periods[i], NULL) != ESTATE_OK)
			abort();
	nsteps = head.nsteps;
	if (head.version < 3)
	{
		estate_periods_sort(periods, head.nperiods, NULL);
		if (estate_steps_of_periods(periods, head.nperiods, steps, &nsteps, grow, NULL) != ESTATE_OK)
			abort();
	}
	if (estate_steps_check(head.span_lo, head.span_hi, steps, nsteps) != NULL)
		abort();

	core_bytes = malloc(estate_core_hours_encoded_size(&core));
	estate_core_hours_encode(&core, core_bytes);
	core_text = malloc(estate_core_hours_text_max(&core) + 1);
	estate_core_hours_format(&core, core_text);
	key.capacity = head.capacity;
	key.span_lo = head.span_lo;
	key.span_hi = head.span_hi;
	key.core = core_bytes;
	key.core_len = estate_core_hours_encoded_size(&core);
	key.closed = closed;
	key.nclosed = head.nclosed;
	text = malloc(estate_state_text_max(strlen(core_text), head.nclosed, nsteps) + 1);
	n = estate_state_format(&key, core_text, steps, nsteps, text);
	if (n > estate_state_text_max(strlen(core_text), head.nclosed, nsteps))
		abort();

	closed2 = malloc(sizeof(int32_t) * (head.nclosed + 1));
	steps2 = malloc(sizeof(estate_step) * (nsteps + 1));
	if (estate_state_parse(text, n, &head2, &core2, NULL, NULL, NULL, NULL) != ESTATE_OK ||
		head2.nsteps != nsteps ||
		estate_state_parse(text, n, &head2, &core2, closed2, NULL, steps2, NULL) != ESTATE_OK ||
		head2.capacity != head.capacity || head2.span_lo != head.span_lo ||
		head2.span_hi != head.span_hi || head2.nclosed != head.nclosed ||
		head2.nsteps != nsteps || head2.nperiods != 0 ||
		memcmp(closed2, closed, sizeof(int32_t) * head.nclosed) != 0 ||
		memcmp(steps2, steps, sizeof(estate_step) * nsteps) != 0)
		abort();
	again = malloc(n + 1);
	if (estate_state_format(&key, core_text, steps2, head2.nsteps, again) != n ||
		memcmp(again, text, n) != 0)
		abort();

	free(again);
	free(steps2);
	free(closed2);
	free(text);
	free(core_text);
	free(core_bytes);
	free(steps);
	free(periods);
	free(closed);
	return 0;
}
