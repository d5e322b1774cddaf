/*
 * eric.c - fmgr glue the ERIC views need: the space targets they
 * compare against, read from the library's settings.
 */
#include "postgres.h"
#include "fmgr.h"

#include "utils/builtins.h"

#include "common/error.h"
#include "common/settings.h"

/*
 * A C function, so that calling it loads the library and with it the
 * settings, whatever the session did before.
 */
PG_FUNCTION_INFO_V1(carter_target);
Datum
carter_target(PG_FUNCTION_ARGS)
{
	char	   *measure = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (strcmp(measure, "non_clinical_share") == 0)
		PG_RETURN_FLOAT8(estate_target_non_clinical_share);
	if (strcmp(measure, "unoccupied_share") == 0)
		PG_RETURN_FLOAT8(estate_target_unoccupied_share);
	estate_error(ESTATE_ERR_ARGUMENT, NULL,
				 "The targets are non_clinical_share and unoccupied_share.",
				 "unknown space target: \"%s\"", measure);
	PG_RETURN_NULL();			/* not reached */
}
