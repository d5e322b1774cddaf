/*
 * error.c - core statuses as PostgreSQL errors (see error.h).
 */
#include "common/error.h"

#include "lib/stringinfo.h"
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#endif

int
estate_sqlstate(estate_status status)
{
	switch (status)
	{
		case ESTATE_ERR_SYNTAX:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case ESTATE_ERR_RANGE:
			return ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE;
		case ESTATE_ERR_ARGUMENT:
			return ERRCODE_INVALID_PARAMETER_VALUE;
		case ESTATE_ERR_BINARY:
			return ERRCODE_INVALID_BINARY_REPRESENTATION;
		case ESTATE_OK:
			break;
	}
	elog(ERROR, "estate status %d is not an error", (int) status);
	return ERRCODE_INTERNAL_ERROR;	/* not reached */
}

/* The message, formatted in the current memory context. */
static char *format_message(const char *fmt, va_list args) pg_attribute_printf(1, 0);

static char *
format_message(const char *fmt, va_list args)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (;;)
	{
		va_list		copy;
		int			needed;

		va_copy(copy, args);
		needed = appendStringInfoVA(&buf, fmt, copy);
		va_end(copy);
		if (needed == 0)
			return buf.data;
		enlargeStringInfo(&buf, needed);
	}
}

#if PG_VERSION_NUM < 160000
/* No soft-error contexts before PostgreSQL 16: every error is raised. */
#define errsave(escontext, rest) ereport(ERROR, rest)
#endif

void
estate_error_save(Node *escontext, estate_status status, const char *detail, const char *hint,
				  const char *fmt,...)
{
	va_list		args;
	char	   *message;

	va_start(args, fmt);
	message = format_message(fmt, args);
	va_end(args);
	(void) escontext;
	errsave(escontext,
			(errcode(estate_sqlstate(status)),
			 errmsg_internal("%s", message),
			 detail ? errdetail_internal("%s", detail) : 0,
			 hint ? errhint("%s", hint) : 0));
}
