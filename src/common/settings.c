/*
 * settings.c - the library's settings under the reserved prefix "estate.".
 * Loading the library (any estate function does) registers them.
 */
#include "postgres.h"
#include "fmgr.h"

#include "utils/guc.h"

#include "common/settings.h"
#include "core_hours.h"

double		estate_underused_rate = 0.25;
double		estate_target_non_clinical_share = 0.35;
double		estate_target_unoccupied_share = 0.025;
char	   *estate_core_hours_setting = NULL;

void		_PG_init(void);

void
_PG_init(void)
{
	DefineCustomRealVariable("estate.underused_rate",
							 "Utilisation rate below which a room is under-used.",
							 "A local-policy threshold, not an NHS standard.",
							 &estate_underused_rate,
							 0.25, 0.0, 1.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomRealVariable("estate.target_non_clinical_share",
							 "Target maximum share of occupied floor area that is non-clinical.",
							 "Lord Carter (2016): 35% for acute trusts.",
							 &estate_target_non_clinical_share,
							 0.35, 0.0, 1.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
	DefineCustomRealVariable("estate.target_unoccupied_share",
							 "Target maximum share of floor area that is empty or under-used.",
							 "Lord Carter (2016): 2.5% for acute trusts.",
							 &estate_target_unoccupied_share,
							 0.025, 0.0, 1.0,
							 PGC_USERSET, 0, NULL, NULL, NULL);
	/*
	 * The real-valued settings need no hook: their bounds are the whole
	 * check, and the server rejects NaN and text itself.  Core hours are
	 * parsed, and their zone looked up, by the type's own parser.
	 */
	DefineCustomStringVariable("estate.core_hours",
							   "Core hours used by estate.space_utilisation when none are given.",
							   "Days and local times, then an IANA time zone, as estate.core_hours.",
							   &estate_core_hours_setting,
							   "Mon-Fri 08:00-18:00 Europe/London",
							   PGC_USERSET, 0,
							   estate_core_hours_check, estate_core_hours_assign, NULL);

#if PG_VERSION_NUM >= 150000
	MarkGUCPrefixReserved("estate");
#else
	EmitWarningsOnPlaceholders("estate");
#endif
}
