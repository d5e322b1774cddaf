/*
 * odbc_check - read views through psqlODBC (unixODBC), as Excel and Power BI
 * do, and check what arrives.
 *
 *   odbc_check CONNECTION-STRING OUTDIR VIEW...
 *
 * For each view of schema estate: every column must arrive as the standard
 * SQL type its catalogue type maps to (numeric(p,s) as SQL_NUMERIC with that
 * precision and scale, integer, bigint, boolean, date, double precision,
 * text as a character type).  Prints one line per check, "ok ..." or
 * "not ok ...", for test/clients/run.sh to number; writes the rows to
 * OUTDIR/VIEW.odbc in COPY text format for it to compare with the server's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sql.h>
#include <sqlext.h>

static SQLHENV env;
static SQLHDBC dbc;
static int	failures;

static void
die(SQLSMALLINT type, SQLHANDLE handle, const char *what)
{
	SQLCHAR		state[6],
				msg[1024];
	SQLINTEGER	native;
	SQLSMALLINT len;

	if (SQLGetDiagRec(type, handle, 1, state, &native, msg, sizeof(msg), &len) == SQL_SUCCESS)
		fprintf(stderr, "odbc_check: %s: %s %s\n", what, state, msg);
	else
		fprintf(stderr, "odbc_check: %s failed\n", what);
	exit(2);
}

static void
check(int good, const char *fmt, const char *view, const char *column, const char *detail)
{
	printf("%s ", good ? "ok" : "not ok");
	printf(fmt, view, column, detail);
	printf("\n");
	if (!good)
		failures++;
}

static const char *
type_name(SQLSMALLINT t)
{
	switch (t)
	{
		case SQL_CHAR: return "SQL_CHAR";
		case SQL_VARCHAR: return "SQL_VARCHAR";
		case SQL_LONGVARCHAR: return "SQL_LONGVARCHAR";
		case SQL_WCHAR: return "SQL_WCHAR";
		case SQL_WVARCHAR: return "SQL_WVARCHAR";
		case SQL_WLONGVARCHAR: return "SQL_WLONGVARCHAR";
		case SQL_NUMERIC: return "SQL_NUMERIC";
		case SQL_DECIMAL: return "SQL_DECIMAL";
		case SQL_INTEGER: return "SQL_INTEGER";
		case SQL_BIGINT: return "SQL_BIGINT";
		case SQL_BIT: return "SQL_BIT";
		case SQL_DOUBLE: return "SQL_DOUBLE";
		case SQL_FLOAT: return "SQL_FLOAT";
		case SQL_TYPE_DATE: return "SQL_TYPE_DATE";
		default: return "another type";
	}
}

/* Whether an ODBC type is what a column of this catalogue type must arrive as. */
static int
type_fits(const char *pg, SQLSMALLINT t)
{
	if (strcmp(pg, "text") == 0)
		return t == SQL_VARCHAR || t == SQL_LONGVARCHAR || t == SQL_WVARCHAR || t == SQL_WLONGVARCHAR;
	if (strcmp(pg, "numeric") == 0)
		return t == SQL_NUMERIC;
	if (strcmp(pg, "integer") == 0)
		return t == SQL_INTEGER;
	if (strcmp(pg, "bigint") == 0)
		return t == SQL_BIGINT;
	if (strcmp(pg, "boolean") == 0)
		return t == SQL_BIT;
	if (strcmp(pg, "double precision") == 0)
		return t == SQL_DOUBLE || t == SQL_FLOAT;
	if (strcmp(pg, "date") == 0)
		return t == SQL_TYPE_DATE;
	return 0;
}

/* COPY text format: backslash, tab, newline and carriage return escaped. */
static void
put_copy(FILE *f, const char *s)
{
	for (; *s; s++)
	{
		switch (*s)
		{
			case '\\': fputs("\\\\", f); break;
			case '\t': fputs("\\t", f); break;
			case '\n': fputs("\\n", f); break;
			case '\r': fputs("\\r", f); break;
			default: fputc(*s, f);
		}
	}
}

#define MAX_COLS 128

static void
check_view(const char *outdir, const char *view)
{
	SQLHSTMT	st;
	char		sql[4096];
	char		pg_type[MAX_COLS][64];
	SQLINTEGER	precision[MAX_COLS],
				scale[MAX_COLS];
	char		name[MAX_COLS][128];
	int			ncat = 0;
	SQLSMALLINT ncol;
	char		path[1024];
	FILE	   *out;
	long		rows = 0;
	char		buf[65536];

	/* The catalogue's view of the columns. */
	if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) != SQL_SUCCESS)
		die(SQL_HANDLE_DBC, dbc, "SQLAllocHandle");
	snprintf(sql, sizeof(sql),
			 "SELECT column_name, data_type, coalesce(numeric_precision, -1), coalesce(numeric_scale, -1) "
			 "FROM information_schema.columns WHERE table_schema = 'estate' AND table_name = '%s' "
			 "ORDER BY ordinal_position", view);
	if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR *) sql, SQL_NTS)))
		die(SQL_HANDLE_STMT, st, "catalogue query");
	while (SQLFetch(st) == SQL_SUCCESS && ncat < MAX_COLS)
	{
		SQLLEN		ind;

		SQLGetData(st, 1, SQL_C_CHAR, name[ncat], sizeof(name[ncat]), &ind);
		SQLGetData(st, 2, SQL_C_CHAR, pg_type[ncat], sizeof(pg_type[ncat]), &ind);
		SQLGetData(st, 3, SQL_C_SLONG, &precision[ncat], 0, &ind);
		SQLGetData(st, 4, SQL_C_SLONG, &scale[ncat], 0, &ind);
		ncat++;
	}
	SQLFreeHandle(SQL_HANDLE_STMT, st);

	/* Every row, ordered by every column. */
	if (SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st) != SQL_SUCCESS)
		die(SQL_HANDLE_DBC, dbc, "SQLAllocHandle");
	snprintf(sql, sizeof(sql), "SELECT * FROM estate.%s ORDER BY ", view);
	for (int i = 1; i <= ncat; i++)
		snprintf(sql + strlen(sql), sizeof(sql) - strlen(sql), "%s%d", i > 1 ? ", " : "", i);
	if (!SQL_SUCCEEDED(SQLExecDirect(st, (SQLCHAR *) sql, SQL_NTS)))
		die(SQL_HANDLE_STMT, st, view);
	SQLNumResultCols(st, &ncol);
	check(ncol == ncat && ncat > 0, "odbc: estate.%s has its %s columns%s", view,
		  ncat > 0 ? "catalogue" : "(no)", "");

	for (SQLUSMALLINT c = 1; c <= ncol && c <= ncat; c++)
	{
		SQLCHAR		cname[128];
		SQLSMALLINT namelen,
					type,
					digits,
					nullable;
		SQLULEN		size;
		char		detail[256];
		int			good;

		SQLDescribeCol(st, c, cname, sizeof(cname), &namelen, &type, &size, &digits, &nullable);
		good = strcmp((char *) cname, name[c - 1]) == 0 && type_fits(pg_type[c - 1], type);
		if (strcmp(pg_type[c - 1], "numeric") == 0)
			good = good && precision[c - 1] > 0 && size == (SQLULEN) precision[c - 1] && digits == scale[c - 1];
		snprintf(detail, sizeof(detail), "%s (%s) arrives as %s(%lu,%d)", name[c - 1], pg_type[c - 1],
				 type_name(type), (unsigned long) size, (int) digits);
		if (strcmp(pg_type[c - 1], "numeric") == 0)
			snprintf(detail + strlen(detail), sizeof(detail) - strlen(detail), ", declared numeric(%d,%d)",
					 (int) precision[c - 1], (int) scale[c - 1]);
		check(good, "odbc: estate.%s: %s%s", view, detail, "");
	}

	snprintf(path, sizeof(path), "%s/%s.odbc", outdir, view);
	out = fopen(path, "w");
	if (out == NULL)
	{
		perror(path);
		exit(2);
	}
	while (SQLFetch(st) == SQL_SUCCESS)
	{
		for (SQLUSMALLINT c = 1; c <= ncol; c++)
		{
			SQLLEN		ind;
			SQLSMALLINT type;

			SQLColAttribute(st, c, SQL_DESC_CONCISE_TYPE, NULL, 0, NULL, (SQLLEN *) &ind);
			type = (SQLSMALLINT) ind;
			if (c > 1)
				fputc('\t', out);
			if (!SQL_SUCCEEDED(SQLGetData(st, c, SQL_C_CHAR, buf, sizeof(buf), &ind)))
				die(SQL_HANDLE_STMT, st, "SQLGetData");
			if (ind == SQL_NULL_DATA)
				fputs("\\N", out);
			else if (type == SQL_BIT)
				fputs(strcmp(buf, "1") == 0 ? "t" : "f", out);
			else
				put_copy(out, buf);
		}
		fputc('\n', out);
		rows++;
	}
	fclose(out);
	SQLFreeHandle(SQL_HANDLE_STMT, st);
	printf("# odbc: estate.%s: %ld rows\n", view, rows);
}

int
main(int argc, char **argv)
{
	if (argc < 4)
	{
		fprintf(stderr, "usage: odbc_check CONNECTION-STRING OUTDIR VIEW...\n");
		return 2;
	}
	SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
	SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (void *) SQL_OV_ODBC3, 0);
	SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
	if (!SQL_SUCCEEDED(SQLDriverConnect(dbc, NULL, (SQLCHAR *) argv[1], SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT)))
		die(SQL_HANDLE_DBC, dbc, "SQLDriverConnect");
	for (int i = 3; i < argc; i++)
		check_view(argv[2], argv[i]);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	return failures != 0;
}
