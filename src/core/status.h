/*
 * status.h - outcome codes of the plain-C domain layer.
 *
 * The core layer includes no PostgreSQL header: it reports what went wrong as a
 * code, and the fmgr glue maps each code to exactly one SQLSTATE and message.
 */
#ifndef ESTATE_CORE_STATUS_H
#define ESTATE_CORE_STATUS_H

typedef enum estate_status
{
	ESTATE_OK = 0,
	ESTATE_ERR_SYNTAX,			/* malformed text: 22P02 */
	ESTATE_ERR_RANGE,			/* value outside its domain: 22003 */
	ESTATE_ERR_ARGUMENT,		/* invalid argument: 22023 */
	ESTATE_ERR_BINARY			/* bad binary input: 22P03 */
} estate_status;

#endif
