/*
 * investment_plan.h - investment scenarios: what a budget does to backlog and
 * risk year by year, and what is funded first.
 *
 * Everything here is plain C: the scenario and its checks, the aggregate
 * state's and the plan's binary and text forms, and the simulation itself.
 * Money is whole pence (int64); growth factors are exact decimals, so every
 * item-year's cost is rounded to the penny exactly once.
 *
 * Binary forms are big-endian and are also the stored forms, so the server
 * sends what it stores and validates what it receives with the same code.
 */
#ifndef ESTATE_CORE_INVESTMENT_PLAN_H
#define ESTATE_CORE_INVESTMENT_PLAN_H

#include "condition_grade.h"
#include "pence.h"
#include "risk_band.h"

#define PLAN_HORIZON_MIN 1
#define PLAN_HORIZON_MAX 100
#define PLAN_VERSION 1

/* Strategies, in the order of their names. */
enum
{
	PLAN_HIGHEST_RISK_FIRST = 0,
	PLAN_STRICT_RISK_ORDER,
	PLAN_MOST_RISK_PER_POUND,
	PLAN_STRATEGY_COUNT
};
extern const char *const estate_plan_strategy_names[PLAN_STRATEGY_COUNT];

/* The two aggregate forms. */
enum
{
	PLAN_FORM_GRADE = 0,
	PLAN_FORM_BAND = 1
};

/* A band code beyond the four risk bands: no band known. */
#define PLAN_UNASSESSED BAND_COUNT
/* A NULL grade, band or consequence in stored forms. */
#define PLAN_NONE 255

/*
 * A validated scenario.  Rates are canonical decimals (no leading or trailing
 * zeros, no "-0"), so two scenarios are the same value exactly when their
 * encodings are the same bytes.  Budgets are pence, one per year (the same in
 * every year when !per_year).
 */
typedef struct estate_plan_scenario
{
	int32_t		from_year;
	int			horizon;
	bool		per_year;
	int64_t		budget[PLAN_HORIZON_MAX];
	const char *inflation;
	size_t		inflation_len;
	int32_t		years_per_grade;	/* 0: no deterioration */
	const char *escalation;
	size_t		escalation_len;
	int			strategy;
	bool		carry_over;
	int64_t		replacement_value;	/* pence; -1 when none */
} estate_plan_scenario;

/*
 * A decimal in its canonical form into buf (room for len + 1 bytes); false
 * when s is not -?[0-9]+(.[0-9]+)?.  Returns the canonical length in *out.
 */
extern bool estate_plan_decimal_canonical(const char *s, size_t len, char *buf, size_t *out);

/*
 * Checks the rules of a scenario: NULL when it is valid, else the name of the
 * first field at fault, with *st the status (ESTATE_ERR_RANGE for a last year
 * beyond int32, ESTATE_ERR_ARGUMENT otherwise).  Rates must be canonical.
 */
extern const char *estate_plan_scenario_check(const estate_plan_scenario *s, estate_status *st);
/* 22023 for the band form with a strategy that needs scores. */
extern bool estate_plan_strategy_fits_form(int strategy, int form);

/* The scenario's binary form: its size, writing it, and reading it back. */
extern size_t estate_plan_scenario_size(const estate_plan_scenario *s);
extern void estate_plan_scenario_encode(const estate_plan_scenario *s, unsigned char *out);
/* Reads and checks; *used is the number of bytes read.  Rates point into p. */
extern estate_status estate_plan_scenario_decode(const unsigned char *p, size_t len,
												 estate_plan_scenario *s, size_t *used,
												 const char **why);

/*
 * An item as the aggregate keeps it: a record of 14 + id_len bytes,
 *   u32 id_len, id bytes, u8 code, u8 consequence, i64 cost (pence)
 * where code is the grade (grade form) or band (band form; PLAN_UNASSESSED
 * when none) and consequence 1-5 or PLAN_NONE.
 */
#define PLAN_RECORD_FIXED 14

typedef struct estate_plan_item
{
	const char *id;
	uint32_t	id_len;
	uint8_t		code;
	uint8_t		consequence;
	int64_t		cost;
} estate_plan_item;

extern size_t estate_plan_record_write(const estate_plan_item *item, unsigned char *out);
/* Reads one record at p (at most len bytes); 0 when it is malformed. */
extern size_t estate_plan_record_read(const unsigned char *p, size_t len, int form,
									  estate_plan_item *item, const char **why);

/*
 * Packed records: the form the items take when a state leaves a process (a
 * parallel worker's result, a stored value).  Per item, in base-128 varints
 * (7 bits a byte, low first, the high bit set on all but the last byte): the
 * length of the prefix its id shares with the previous item's id, the length
 * of the rest, then the rest's bytes, u8 code, u8 consequence and the cost as
 * a varint.  Ids kept in order share long prefixes: 16-character keys take
 * about 11 bytes an item instead of 30, so fewer bytes are copied between
 * processes.  pack takes records already checked; unpack checks every
 * record it writes as estate_plan_record_read does, and that the n items
 * fill exactly raw_len bytes from exactly len packed ones.
 */
/* Room enough to pack n records of len bytes. */
extern size_t estate_plan_records_packed_max(size_t len, int64_t n);
/* Returns the bytes written. */
extern size_t estate_plan_records_pack(const unsigned char *raw, size_t len, unsigned char *out);
extern estate_status estate_plan_records_unpack(const unsigned char *packed, size_t len,
												int64_t n, int form, unsigned char *raw,
												size_t raw_len, const char **why);

/* Byte order of two ids: memcmp, a prefix first. */
extern int	estate_plan_id_cmp(const char *a, size_t alen, const char *b, size_t blen);

/*
 * The state's text form:
 *   from_year=2025, horizon=2, annual_budget=100.00, inflation=0,
 *   years_per_grade=5, escalation=0, strategy=highest_risk_first,
 *   carry_over=false, replacement_value=-; form=grade;
 *   items={("a" C 3 120.00), ("b" B(C) - 5.00)}
 * (one line; budgets={100.00, 50.00} in place of annual_budget when given
 * per year; the band form's items are ("a" high 120.00) or ("a" - 1.00);
 * ids are double-quoted with "" for a quote; "-" is NULL.)
 */
/* The longest text of a scenario and of an item. */
extern size_t estate_plan_scenario_text_max(const estate_plan_scenario *s);
extern size_t estate_plan_scenario_format(const estate_plan_scenario *s, char *out);
#define PLAN_ITEM_TEXT_MAX(id_len) (2 * (size_t) (id_len) + 64)
extern size_t estate_plan_item_format(const estate_plan_item *item, int form, char *out);

/*
 * Parse a state's text.  On success the scenario's rates point into scratch
 * (at least len bytes), *form is set, and the items' records (ids unescaped)
 * are written to records (room for estate_plan_state_records_max(len) bytes):
 * *records_len bytes holding *nitems records.
 */
extern size_t estate_plan_state_records_max(size_t len);
extern estate_status estate_plan_state_parse(const char *s, size_t len, estate_plan_scenario *sc,
											 char *scratch, int *form, unsigned char *records,
											 size_t *records_len, int64_t *nitems,
											 const char **why);

/* ---------------------------------------------------------------------------
 * The plan
 * ------------------------------------------------------------------------- */

#define PLAN_BAND_SLOTS 5		/* high, significant, moderate, low, unassessed */
/*
 * An fci is at most a year's backlog (below 2^63 pence) over one penny, in
 * millionths: below 2^84, so its high 64 bits are below 2^20.
 */
#define PLAN_FCI_HI_BITS 20

typedef struct estate_plan_year
{
	int64_t		available;
	int64_t		spent;
	int64_t		items_funded;
	int64_t		arising;
	int64_t		band[PLAN_BAND_SLOTS];	/* in the order above */
	int64_t		items_waiting;
	bool		fci_null;
	uint64_t	fci_hi;			/* fci in millionths, 128 bits */
	uint64_t	fci_lo;
} estate_plan_year;

typedef struct estate_plan_outcome
{
	uint8_t		entered;		/* year number 1..horizon, 0 never */
	uint8_t		funded;			/* year number, 0 not funded */
	uint8_t		grade;			/* PLAN_NONE in the band form */
	uint8_t		band;			/* risk band, PLAN_NONE when none */
	int64_t		cost_paid;		/* 0 when not funded */
} estate_plan_outcome;

/* Memory for the simulation (and only it): never freed by this module. */
typedef void *(*estate_plan_alloc) (size_t size, void *arg);

/*
 * Sort items by id in byte order (a prefix first): a merge of up to 8
 * ascending runs, or else a radix sort on the 8 bytes that follow the ids'
 * common prefix, then a comparison sort of ties.  True when they were
 * strictly ascending already (so no id repeats).
 */
extern bool estate_plan_sort_items(estate_plan_item *items, size_t n,
								   estate_plan_alloc alloc, void *arg);

/*
 * The most the sort or the simulation of n items asks its allocator for,
 * but for a few small numbers: what a caller's arena needs.
 */
extern size_t estate_plan_work_bytes(size_t n);

/*
 * Run the scenario over n items sorted by id (strictly ascending: the caller
 * rejects repeats), filling years[horizon] and out[n].  ESTATE_ERR_RANGE when
 * money goes beyond int64 pence (*why says which).
 */
extern estate_status estate_plan_simulate(const estate_plan_scenario *s, int form,
										  const estate_plan_item *items, size_t n,
										  estate_plan_year *years, estate_plan_outcome *out,
										  estate_plan_alloc alloc, void *arg,
										  const char **why);

/*
 * The plan's binary (and stored) form:
 *   u8 version, u8 form, i32 from_year, i32 horizon,
 *   per year: i64 available, spent, items_funded, arising, the 5 bands,
 *             items_waiting; u8 fci_null; u64 fci_hi, fci_lo
 *   i64 nitems, per item: u32 id_len, id, u8 entered, u8 funded,
 *             i64 cost_paid, u8 grade, u8 band
 * Items ascend by id.
 */
#define PLAN_HEAD_BYTES (1 + 1 + 4 + 4)
#define PLAN_YEAR_BYTES (10 * 8 + 1 + 16)
#define PLAN_ITEM_FIXED (4 + 1 + 1 + 8 + 1 + 1)

extern size_t estate_plan_size(int horizon, const estate_plan_item *items, size_t n);
/* The same from the number of items and the bytes of all their ids. */
extern size_t estate_plan_size_of(int horizon, size_t n, size_t id_bytes);
extern void estate_plan_encode(int form, int32_t from_year, int horizon,
							   const estate_plan_year *years,
							   const estate_plan_item *items, const estate_plan_outcome *out,
							   size_t n, unsigned char *p);

/* A plan read back: the head and the years; items are walked with _item. */
typedef struct estate_plan_view
{
	int			form;
	int32_t		from_year;
	int			horizon;
	estate_plan_year years[PLAN_HORIZON_MAX];
	int64_t		nitems;
	const unsigned char *items; /* the first item record */
	size_t		items_len;
} estate_plan_view;

/* Reads and checks every rule a plan obeys; ESTATE_ERR_BINARY when broken. */
extern estate_status estate_plan_decode(const unsigned char *p, size_t len,
										estate_plan_view *v, const char **why);
/* The item record at p (already checked by decode); returns its size. */
extern size_t estate_plan_item_at(const unsigned char *p, estate_plan_item *item,
								  estate_plan_outcome *o);

/*
 * The plan's text form:
 *   from_year=2025, horizon=2, form=grade;
 *   years={(100.00 80.00 1 0.00 0.00 0.00 10.00 0.00 0.00 1 0.050000), (...)};
 *   items={("a" 2025 2025 80.00 C high), ("b" 2025 - - C moderate)}
 * Year fields as in the binary form with fci last ("-" when NULL); item
 * fields: id, entered and funded years, cost paid, grade, band.
 */
extern size_t estate_plan_text_max(const estate_plan_view *v);
/* A year's fci with six decimals, or "-" when NULL (at most 48 bytes). */
#define PLAN_FCI_TEXT_MAX 48
extern size_t estate_plan_fci_format(const estate_plan_year *y, char *out);
extern size_t estate_plan_format(const estate_plan_view *v, char *out);
/* Parse into the binary form at out (room for estate_plan_binary_max(len)
 * bytes), checked as estate_plan_decode checks it. */
extern size_t estate_plan_binary_max(size_t len);
extern estate_status estate_plan_parse(const char *s, size_t len, unsigned char *out,
									   size_t *out_len, const char **why);

#endif
