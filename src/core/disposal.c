/*
 * disposal.c - scoring, recommendation and reasons of the disposal
 * assessment.
 */
#include "disposal.h"
#include "pence.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

const estate_disposal_argdef estate_disposal_args[DISPOSAL_ARGS] = {
	[DARG_UTILISATION] = {"utilisation", DTYPE_FLOAT8, DKIND_RATE, true},
	[DARG_UNOCCUPIED_SHARE] = {"unoccupied_share", DTYPE_FLOAT8, DKIND_SHARE, true},
	[DARG_FCI] = {"fci", DTYPE_NUMERIC, DKIND_RATE, true},
	[DARG_FUNCTIONAL_SUITABILITY] = {"functional_suitability", DTYPE_FLOAT8, DKIND_SHARE, true},
	[DARG_RUNNING_COST] = {"running_cost_per_m2", DTYPE_NUMERIC, DKIND_NONNEGATIVE, true},
	[DARG_BENCHMARK_RUNNING_COST] = {"benchmark_running_cost_per_m2", DTYPE_NUMERIC, DKIND_POSITIVE, true},
	[DARG_CARBON] = {"carbon_per_m2", DTYPE_FLOAT8, DKIND_NONNEGATIVE, true},
	[DARG_BENCHMARK_CARBON] = {"benchmark_carbon_per_m2", DTYPE_FLOAT8, DKIND_POSITIVE, true},
	[DARG_PROTECTED] = {"protected", DTYPE_BOOL, DKIND_FLAG, true},
	[DARG_W_SPACE] = {"w_space", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_W_CONDITION] = {"w_condition", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_W_SUITABILITY] = {"w_suitability", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_W_RUNNING_COST] = {"w_running_cost", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_W_CARBON] = {"w_carbon", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_UTILISATION_KEEP] = {"utilisation_keep", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_UTILISATION_DISPOSE] = {"utilisation_dispose", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_UNOCCUPIED_SHARE_KEEP] = {"unoccupied_share_keep", DTYPE_FLOAT8, DKIND_SHARE, false},
	[DARG_UNOCCUPIED_SHARE_DISPOSE] = {"unoccupied_share_dispose", DTYPE_FLOAT8, DKIND_SHARE, false},
	[DARG_FCI_KEEP] = {"fci_keep", DTYPE_NUMERIC, DKIND_NONNEGATIVE, false},
	[DARG_FCI_DISPOSE] = {"fci_dispose", DTYPE_NUMERIC, DKIND_NONNEGATIVE, false},
	[DARG_SUITABILITY_KEEP] = {"suitability_keep", DTYPE_FLOAT8, DKIND_SHARE, false},
	[DARG_SUITABILITY_DISPOSE] = {"suitability_dispose", DTYPE_FLOAT8, DKIND_SHARE, false},
	[DARG_RUNNING_COST_KEEP] = {"running_cost_keep", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_RUNNING_COST_DISPOSE] = {"running_cost_dispose", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_CARBON_KEEP] = {"carbon_keep", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_CARBON_DISPOSE] = {"carbon_dispose", DTYPE_FLOAT8, DKIND_NONNEGATIVE, false},
	[DARG_DISPOSE_AT] = {"dispose_at", DTYPE_FLOAT8, DKIND_SCORE, false},
	[DARG_REVIEW_AT] = {"review_at", DTYPE_FLOAT8, DKIND_SCORE, false},
	[DARG_MIN_CRITERIA] = {"min_criteria", DTYPE_INT4, DKIND_COUNT, false},
};

const char *const estate_disposal_recommendation_names[3] = {
	"retain", "review", "dispose"
};

/*
 * The figures compared with thresholds.  A percentage figure is shown as
 * "label 12%"; a ratio figure as "label 1.8× benchmark".
 */
typedef struct figure
{
	int			criterion;
	const char *label;
	bool		percent;
	estate_disposal_arg keep;
	estate_disposal_arg dispose;
} figure;

enum
{
	FIG_UTILISATION = 0,
	FIG_UNOCCUPIED,
	FIG_FCI,
	FIG_SUITABILITY,
	FIG_RUNNING_COST,
	FIG_CARBON,
	FIGURES
};

static const figure figures[FIGURES] = {
	[FIG_UTILISATION] = {DISPOSAL_SPACE, "utilisation", true,
	DARG_UTILISATION_KEEP, DARG_UTILISATION_DISPOSE},
	[FIG_UNOCCUPIED] = {DISPOSAL_SPACE, "unoccupied or under-used", true,
	DARG_UNOCCUPIED_SHARE_KEEP, DARG_UNOCCUPIED_SHARE_DISPOSE},
	[FIG_FCI] = {DISPOSAL_CONDITION, "FCI", true, DARG_FCI_KEEP, DARG_FCI_DISPOSE},
	[FIG_SUITABILITY] = {DISPOSAL_SUITABILITY, "functionally suitable", true,
	DARG_SUITABILITY_KEEP, DARG_SUITABILITY_DISPOSE},
	[FIG_RUNNING_COST] = {DISPOSAL_RUNNING_COST, "running cost", false,
	DARG_RUNNING_COST_KEEP, DARG_RUNNING_COST_DISPOSE},
	[FIG_CARBON] = {DISPOSAL_CARBON, "carbon", false, DARG_CARBON_KEEP, DARG_CARBON_DISPOSE},
};

static const char *
kind_hint(estate_disposal_kind kind)
{
	switch (kind)
	{
		case DKIND_NONNEGATIVE:
			return "It must be a finite number, 0 or more.";
		case DKIND_RATE:
			return "It is a share, from 0 to 5: give 0.12 for 12%.";
		case DKIND_SHARE:
			return "A share is a finite number from 0 to 1.";
		case DKIND_POSITIVE:
			return "A benchmark is a finite number above 0.";
		case DKIND_SCORE:
			return "A score threshold is a finite number from 0 to 100.";
		case DKIND_COUNT:
			return "There are 5 criteria: min_criteria is from 0 to 5.";
		case DKIND_FLAG:
			break;
	}
	return NULL;
}

static bool
value_allowed(estate_disposal_kind kind, double v)
{
	if (kind == DKIND_FLAG)
		return true;
	if (!isfinite(v))
		return false;
	switch (kind)
	{
		case DKIND_NONNEGATIVE:
			return v >= 0;
		case DKIND_RATE:
			return v >= 0 && v <= DISPOSAL_RATE_MAX;
		case DKIND_SHARE:
			return v >= 0 && v <= 1;
		case DKIND_POSITIVE:
			return v > 0;
		case DKIND_SCORE:
			return v >= 0 && v <= 100;
		case DKIND_COUNT:
			return v >= 0 && v <= DISPOSAL_CRITERIA;
		case DKIND_FLAG:
			break;
	}
	return true;
}

estate_status
estate_disposal_check(const estate_disposal_input *in, int *bad, const char **hint)
{
	for (int i = 0; i < DISPOSAL_ARGS; i++)
	{
		const estate_disposal_argdef *a = &estate_disposal_args[i];

		if (!in->given[i])
		{
			if (a->data)
				continue;
			*bad = i;
			*hint = "Leave the argument out to use its default.";
			return ESTATE_ERR_ARGUMENT;
		}
		if (!value_allowed(a->kind, in->value[i]))
		{
			*bad = i;
			*hint = kind_hint(a->kind);
			return ESTATE_ERR_ARGUMENT;
		}
	}
	for (int f = 0; f < FIGURES; f++)
		if (in->value[figures[f].keep] == in->value[figures[f].dispose])
		{
			*bad = figures[f].dispose;
			*hint = "The keep and dispose thresholds of a criterion must differ.";
			return ESTATE_ERR_ARGUMENT;
		}
	if (in->value[DARG_REVIEW_AT] > in->value[DARG_DISPOSE_AT])
	{
		*bad = DARG_REVIEW_AT;
		*hint = "review_at must not be above dispose_at.";
		return ESTATE_ERR_ARGUMENT;
	}
	return ESTATE_OK;
}

/* Rounded half up to 9 decimals; v is 0-100, so v x 1e9 fits an int64. */
static double
round9(double v)
{
	return (double) (int64_t) (v * 1e9 + 0.5) / 1e9;
}

double
estate_disposal_subscore(double figure, double keep, double dispose)
{
	double		s = (figure - keep) / (dispose - keep);

	/* Either direction: dispose may lie above keep (FCI) or below (utilisation). */
	if (!(s > 0))
		return 0;
	if (s > 1)
		return 1;

	/*
	 * Rounded to 1e-9, so that a figure a hand computation puts midway (FCI
	 * 0.175: 0.49999999999999994 in binary) reaches the 0.5 that lists it.
	 */
	return round9(s);
}

/* Appends text to buf (size bytes, always NUL-terminated), at *len. */
static void
append(char *buf, size_t size, size_t *len, const char *text)
{
	size_t		n = strlen(text);

	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(buf + *len, text, n);
	*len += n;
	buf[*len] = '\0';
}

/*
 * A figure (never negative) with at most `decimals` (1 or 2) decimals,
 * rounded half up, trailing zeros dropped; huge figures (a carbon ratio of
 * 1e300 is allowed) in exponent form.  Hand-rolled: printf's conversion of
 * a double would cost more than the whole assessment.
 */
static void
format_number(double v, int decimals, char *buf, size_t size)
{
	uint64_t	scale = decimals == 1 ? 10 : 100;
	uint64_t	n;
	char		digits[24];
	int			k = 0;

	if (!(v >= 0 && v < 1e15))
	{
		snprintf(buf, size, "%.6g", v);
		return;
	}
	n = (uint64_t) (v * (double) scale + 0.5);
	/* The decimals, least significant first, dropping trailing zeros. */
	for (int d = 0; d < decimals; d++, n /= 10)
		if (k > 0 || n % 10 != 0)
			digits[k++] = (char) ('0' + n % 10);
	if (k > 0)
		digits[k++] = '.';
	do
	{
		digits[k++] = (char) ('0' + n % 10);
		n /= 10;
	} while (n > 0);
	if ((size_t) k >= size)
		k = (int) size - 1;
	for (int i = 0; i < k; i++)
		buf[i] = digits[k - 1 - i];
	buf[k] = '\0';
}

/* "12%" or "1.8×": a figure or threshold as the reasons show it. */
static void
format_figure(const figure *f, double v, bool unicode, char *buf, size_t size)
{
	size_t		len;

	format_number(f->percent ? v * 100 : v, f->percent ? 1 : 2, buf, size);
	len = strlen(buf);
	append(buf, size, &len, f->percent ? "%" : unicode ? "×" : "x");
}

/* "utilisation 12% (dispose at ≤ 10%, keep at ≥ 60%)" */
static void
phrase(const figure *f, double value, double keep, double dispose, bool unicode,
	   char *buf, size_t size)
{
	const char *le = unicode ? "≤ " : "<= ";
	const char *ge = unicode ? "≥ " : ">= ";
	bool		upward = dispose > keep;
	char		number[40];
	size_t		len = 0;

	buf[0] = '\0';
	append(buf, size, &len, f->label);
	append(buf, size, &len, " ");
	format_figure(f, value, unicode, number, sizeof(number));
	append(buf, size, &len, number);
	if (!f->percent)
		append(buf, size, &len, " benchmark");
	append(buf, size, &len, " (dispose at ");
	append(buf, size, &len, upward ? ge : le);
	format_figure(f, dispose, unicode, number, sizeof(number));
	append(buf, size, &len, number);
	append(buf, size, &len, ", keep at ");
	append(buf, size, &len, upward ? le : ge);
	format_figure(f, keep, unicode, number, sizeof(number));
	append(buf, size, &len, number);
	append(buf, size, &len, ")");
}

/* The figure each criterion uses, or -1 when its data is missing. */
static int
criterion_figure(const estate_disposal_input *in, int criterion, double *value)
{
	const double *x = in->value;
	const bool *g = in->given;

	switch (criterion)
	{
		case DISPOSAL_SPACE:
			if (g[DARG_UTILISATION])
			{
				*value = x[DARG_UTILISATION];
				return FIG_UTILISATION;
			}
			if (g[DARG_UNOCCUPIED_SHARE])
			{
				*value = x[DARG_UNOCCUPIED_SHARE];
				return FIG_UNOCCUPIED;
			}
			return -1;
		case DISPOSAL_CONDITION:
			*value = x[DARG_FCI];
			return g[DARG_FCI] ? FIG_FCI : -1;
		case DISPOSAL_SUITABILITY:
			*value = x[DARG_FUNCTIONAL_SUITABILITY];
			return g[DARG_FUNCTIONAL_SUITABILITY] ? FIG_SUITABILITY : -1;
		case DISPOSAL_RUNNING_COST:
			if (!g[DARG_RUNNING_COST] || !g[DARG_BENCHMARK_RUNNING_COST])
				return -1;
			*value = x[DARG_RUNNING_COST] / x[DARG_BENCHMARK_RUNNING_COST];
			return FIG_RUNNING_COST;
		case DISPOSAL_CARBON:
			if (!g[DARG_CARBON] || !g[DARG_BENCHMARK_CARBON])
				return -1;
			*value = x[DARG_CARBON] / x[DARG_BENCHMARK_CARBON];
			return FIG_CARBON;
	}
	return -1;
}

void
estate_disposal_assess(const estate_disposal_input *in, bool unicode,
					   estate_disposal_result *out)
{
	const double *x = in->value;
	double		weighted = 0,
				weights = 0;
	double		sub[DISPOSAL_CRITERIA];
	double		contribution[DISPOSAL_CRITERIA];
	int			fig[DISPOSAL_CRITERIA];
	double		value[DISPOSAL_CRITERIA];
	int			order[DISPOSAL_CRITERIA];
	int			listed = 0;
	bool		protected_site = in->given[DARG_PROTECTED] && x[DARG_PROTECTED] != 0;
	int			min_criteria = (int) x[DARG_MIN_CRITERIA];

	memset(out, 0, sizeof(*out));
	for (int c = 0; c < DISPOSAL_CRITERIA; c++)
	{
		double		w = x[DARG_W_SPACE + c];

		fig[c] = -1;
		if (w <= 0)
			continue;
		out->criteria_weighted++;
		fig[c] = criterion_figure(in, c, &value[c]);
		if (fig[c] < 0)
			continue;
		sub[c] = estate_disposal_subscore(value[c], x[figures[fig[c]].keep],
										  x[figures[fig[c]].dispose]);
		contribution[c] = w * sub[c];
		weighted += contribution[c];
		weights += w;
		out->criteria_used++;

		/* Criteria at sub-score 0.5 or more, by contribution; ties keep table order. */
		if (sub[c] >= 0.5)
		{
			int			j = listed++;

			while (j > 0 && contribution[order[j - 1]] < contribution[c])
			{
				order[j] = order[j - 1];
				j--;
			}
			order[j] = c;
		}
	}

	if (out->criteria_used > 0)
	{
		out->has_score = true;

		/* Rounded too: 60 must not become 59.99999999999999. */
		out->score = round9(100 * weighted / weights);
	}

	if (protected_site || !out->has_score)
		out->recommendation = protected_site ? DISPOSAL_RETAIN : DISPOSAL_REVIEW;
	else if (out->score >= x[DARG_DISPOSE_AT])
		out->recommendation = out->criteria_used >= min_criteria ? DISPOSAL_DISPOSE : DISPOSAL_REVIEW;
	else if (out->score >= x[DARG_REVIEW_AT])
		out->recommendation = DISPOSAL_REVIEW;
	else
		out->recommendation = DISPOSAL_RETAIN;

	for (int i = 0; i < listed; i++)
	{
		int			c = order[i];
		const figure *f = &figures[fig[c]];

		phrase(f, value[c], x[f->keep], x[f->dispose], unicode,
			   out->reasons[out->nreasons++], DISPOSAL_REASON_LEN);
	}
	if (protected_site)
		snprintf(out->reasons[out->nreasons++], DISPOSAL_REASON_LEN, "protected site");
	if (out->criteria_used < min_criteria)
		snprintf(out->reasons[out->nreasons++], DISPOSAL_REASON_LEN,
				 "only %d of %d criteria known", out->criteria_used, out->criteria_weighted);
}

bool
estate_disposal_numeric_double(const void *payload, size_t len, double *out)
{
	/* Powers of ten a double holds exactly. */
	static const double exact[23] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
	};
	estate_numeric_head h;
	uint64_t	mantissa = 0;
	int			exponent;
	double		v;

	if (!estate_numeric_head_read(payload, len, &h) || h.special || h.ndigits > 4)
		return false;
	for (int i = 0; i < h.ndigits; i++)
		mantissa = mantissa * 10000 + (uint64_t) estate_numeric_digit(&h, i);
	/* Exact as a double, and then a single rounding (Clinger's fast path). */
	if (mantissa > ((uint64_t) 1 << 53))
		return false;
	exponent = 4 * (h.weight - (h.ndigits - 1));
	if (h.ndigits == 0)
		exponent = 0;
	if (exponent < -22 || exponent > 22)
		return false;
	v = (double) mantissa;
	v = exponent >= 0 ? v * exact[exponent] : v / exact[-exponent];
	*out = h.negative ? -v : v;
	return true;
}
