/*
 * error.h - the one place where a core status becomes a PostgreSQL error.
 *
 * src/core reports what went wrong as an estate_status; every glue file
 * raises it through estate_error, which gives it its SQLSTATE:
 *   ESTATE_ERR_SYNTAX    22P02 invalid_text_representation
 *   ESTATE_ERR_RANGE     22003 numeric_value_out_of_range
 *   ESTATE_ERR_ARGUMENT  22023 invalid_parameter_value
 *   ESTATE_ERR_BINARY    22P03 invalid_binary_representation
 * with the message (a format), and a detail and a hint where not NULL.
 * The message quotes the offending value; the hint says what is allowed.
 */
#ifndef ESTATE_COMMON_ERROR_H
#define ESTATE_COMMON_ERROR_H

#include "postgres.h"
#include "fmgr.h"
#include "nodes/nodes.h"

#include "core/status.h"

/*
 * A function that never returns: PostgreSQL 18 marks it with pg_noreturn
 * before the declaration and dropped pg_attribute_noreturn(), which earlier
 * majors put after it (a GCC attribute, valid in front as well).
 */
#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

/* The SQLSTATE of a status (ESTATE_OK is not an error). */
extern int	estate_sqlstate(estate_status status);

/*
 * Raise status through escontext, a soft-error context where the server has
 * one (PostgreSQL 16+, used by pg_input_is_valid): returns when the error
 * was saved there, raises it otherwise (always when escontext is NULL).
 */
extern void estate_error_save(Node *escontext, estate_status status, const char *detail,
							  const char *hint, const char *fmt,...) pg_attribute_printf(5, 6);

/* Raise status as an ERROR: never returns. */
#define estate_error(status, detail, hint, ...) \
	do { \
		estate_error_save(NULL, (status), (detail), (hint), __VA_ARGS__); \
		pg_unreachable(); \
	} while (0)

/*
 * For type input functions: report malformed input and return from the
 * input function (a NULL Datum, which the server discards with a soft error).
 */
#define estate_input_error(fcinfo, status, detail, hint, ...) \
	do { \
		estate_error_save((fcinfo)->context, (status), (detail), (hint), __VA_ARGS__); \
		return (Datum) 0; \
	} while (0)

/*
 * For type input functions whose core parser returned status (not
 * ESTATE_OK): 22003 "value out of range for type T: "str"" with range_hint,
 * or else 22P02 "invalid input syntax for type T: "str"" with syntax_hint;
 * the parser's detail either way.
 */
#define estate_input_rejected(fcinfo, status, type_name, str, detail, range_hint, syntax_hint) \
	estate_input_error((fcinfo), (status) == ESTATE_ERR_RANGE ? ESTATE_ERR_RANGE : ESTATE_ERR_SYNTAX, \
					   (detail), (status) == ESTATE_ERR_RANGE ? (range_hint) : (syntax_hint), \
					   (status) == ESTATE_ERR_RANGE ? "value out of range for type %s: \"%s\"" \
					   : "invalid input syntax for type %s: \"%s\"", (type_name), (str))

#endif
