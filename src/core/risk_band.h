/*
 * risk_band.h - the NHS 5x5 risk matrix and its bands.
 */
#ifndef ESTATE_CORE_RISK_BAND_H
#define ESTATE_CORE_RISK_BAND_H

#include "ordinal.h"
#include "status.h"

enum
{
	BAND_LOW = 0,
	BAND_MODERATE,
	BAND_SIGNIFICANT,
	BAND_HIGH,
	BAND_COUNT
};

#define RISK_FACTOR_MIN 1
#define RISK_FACTOR_MAX 5
#define RISK_SCORE_MIN 1
#define RISK_SCORE_MAX 25

extern const estate_ordinal estate_risk_band;

/* 1 when a likelihood or consequence is within 1-5. */
extern int	estate_risk_factor_valid(int factor);

/* likelihood x consequence; both must be valid factors. */
extern int	estate_risk_score(int likelihood, int consequence);

/* Band of a score; ESTATE_ERR_RANGE outside 1-25. */
extern estate_status estate_risk_band_of_score(int score, int *band);

#endif
