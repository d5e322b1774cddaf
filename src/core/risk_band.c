/*
 * risk_band.c - risk scores and bands of the NHS 5x5 model matrix.
 */
#include "risk_band.h"

static const char *const band_names[BAND_COUNT] = {
	"low", "moderate", "significant", "high"
};

const estate_ordinal estate_risk_band = {
	"estate.risk_band",
	band_names,
	BAND_COUNT,
	"low, moderate, significant or high (case-insensitive)"
};

int
estate_risk_factor_valid(int factor)
{
	return factor >= RISK_FACTOR_MIN && factor <= RISK_FACTOR_MAX;
}

int
estate_risk_score(int likelihood, int consequence)
{
	return likelihood * consequence;
}

estate_status
estate_risk_band_of_score(int score, int *band)
{
	if (score < RISK_SCORE_MIN || score > RISK_SCORE_MAX)
		return ESTATE_ERR_RANGE;

	/*
	 * Products of 1-5 give 1-6, 8-10, 12, 15-16, 20, 25.  The thresholds
	 * also place the unreachable scores (7, 11, 13, 14, ...) so that every
	 * score in range has a band.
	 */
	if (score <= 3)
		*band = BAND_LOW;
	else if (score <= 7)
		*band = BAND_MODERATE;
	else if (score <= 14)
		*band = BAND_SIGNIFICANT;
	else
		*band = BAND_HIGH;
	return ESTATE_OK;
}
