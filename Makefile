# estate: PGXS build.  `make && make install` builds the extension; the
# targets below the PGXS include run the server-free checks.

EXTENSION = estate
# The version being built is estate.control's default_version, the one place
# it is written; META.json and debian/changelog are checked against it
# (test/package/meta).
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'$$/\1/p" $(EXTENSION).control)

MODULE_big = estate
CORE_SRCS = $(sort $(wildcard src/core/*.c))
GLUE_SRCS = $(sort $(wildcard src/common/*.c src/*.c))
OBJS = $(CORE_SRCS:.c=.o) $(GLUE_SRCS:.c=.o)

# Released install scripts are frozen as shipped (estate--1.0.sql, checked
# against test/upgrade/released.sha256); the current one and the update to it
# are generated from sql/.
RELEASED = $(EXTENSION)--1.0.sql
UPDATE = $(EXTENSION)--1.0--$(EXTVERSION).sql
DATA = $(RELEASED) $(EXTENSION)--$(EXTVERSION).sql $(UPDATE)
EXTRA_CLEAN = build
# The loaders, installed with the server's programs (bindir).
SCRIPTS = bin/estate-load-eric bin/estate-load-ics

# make installcheck: the pg_regress suite against an installed server
# (PGHOST, PGPORT, PGUSER as for psql), in database contrib_regression.  Its
# output goes outside the checkout, so a user who cannot write there can run it.
REGRESS = $(sort $(basename $(notdir $(wildcard $(srcdir)/test/sql/*.sql))))
REGRESS_OUTPUTDIR ?= $(or $(TMPDIR),/tmp)/estate-installcheck-$(shell id -u)
REGRESS_OPTS = --inputdir=$(srcdir)/test --outputdir=$(REGRESS_OUTPUTDIR) --load-extension=$(EXTENSION)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The server headers are system headers to us: -Wextra in CI judges our code,
# not theirs (e.g. unused parameters in PostgreSQL 15's bufpage.h).
override CPPFLAGS := -I$(srcdir)/src -isystem $(includedir_server) -isystem $(includedir_internal) $(CPPFLAGS)

# PGXS knows no header dependencies: a changed header rebuilds every object
# (and its JIT bitcode), since an object built against an older struct
# misreads the newer one's values.
PROJECT_HEADERS = $(wildcard $(srcdir)/src/*.h $(srcdir)/src/core/*.h $(srcdir)/src/common/*.h)
$(OBJS) $(OBJS:.o=.bc): $(PROJECT_HEADERS)

# --- the install script --------------------------------------------------
# Concatenated from sql/ in dependency order.  The one-byte ordered types are
# instantiated from one template with a noun and the words for each end.
condition_grade_what = condition grade
condition_grade_low = best
condition_grade_high = worst
risk_band_what = risk band
risk_band_low = lowest
risk_band_high = highest

SQL_PARTS = sql/header.sql \
	build/condition_grade_type.sql sql/condition_grade.sql \
	build/risk_band_type.sql sql/risk_band.sql \
	sql/backlog.sql sql/fci.sql sql/renewal_forecast.sql \
	sql/carbon.sql build/carbon_factors.sql \
	sql/rebuild_cost.sql \
	sql/disposal.sql sql/disposal_impact.sql \
	sql/parse_amount.sql sql/eric.sql sql/eric_signature.sql build/eric_signature.sql sql/load_eric.sql sql/ics_mapping.sql sql/ics_membership.sql sql/eric_views.sql sql/eric_summaries.sql sql/disposal_candidates.sql sql/data_quality.sql \
	sql/core_hours.sql sql/space_utilisation.sql \
	build/space_utilisation_aggregate.sql build/utilisation_heatmap_aggregate.sql \
	sql/investment_plan.sql

build/%_type.sql: sql/ordinal_type.sql.in Makefile
	@mkdir -p build
	sed -e 's/@TYPE@/$*/g' -e 's/@WHAT@/$($*_what)/g' \
	    -e 's/@LOW@/$($*_low)/g' -e 's/@HIGH@/$($*_high)/g' $< > $@

# The two aggregates over estate.utilisation_state, in three forms each,
# from one template: the final function and what the result is.
space_utilisation_final = utilisation_final
space_utilisation_what = utilisation of one room (one group) over the span
utilisation_heatmap_final = heatmap_final
utilisation_heatmap_what = 7 x 24 utilisation rates by local weekday and clock hour (Monday 00:00 first, NULL without core time)

build/%_aggregate.sql: sql/utilisation_aggregate.sql.in Makefile
	@mkdir -p build
	sed -e 's/@AGG@/$*/g' -e 's/@FINAL@/$($*_final)/g' -e 's/@WHAT@/$($*_what)/g' $< > $@

# The carbon factors the install script loads (CREATE EXTENSION cannot read
# files), generated from the shipped CSV.
build/carbon_factors.sql: data/carbon_factors_2007-08_to_2020-21.csv tools/carbon_factors.pl
	@mkdir -p build
	perl tools/carbon_factors.pl $< > $@

# The header signature of each shipped ERIC year and kind: the header rows of
# the files in data/eric/, as published.
ERIC_FILES = $(sort $(wildcard data/eric/eric_*.csv))
build/eric_signature.sql: $(ERIC_FILES) tools/eric_signature.sh
	@mkdir -p build
	sh tools/eric_signature.sh $(ERIC_FILES) > $@

# The update from 1.0: the statements that change 1.0's objects
# (sql/update/1.0--1.1.sql, which starts the script), then the sql/ parts of
# every object new in 1.1, the same files SQL_PARTS lists for a fresh install.
UPDATE_PARTS = sql/update/1.0--1.1.sql sql/eric_signature.sql build/eric_signature.sql sql/load_eric.sql sql/ics_membership.sql sql/eric_summaries.sql sql/disposal_candidates.sql sql/data_quality.sql sql/investment_plan.sql

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $(SQL_PARTS) > $@

$(UPDATE): $(UPDATE_PARTS)
	cat $(UPDATE_PARTS) > $@

all: $(EXTENSION)--$(EXTVERSION).sql $(UPDATE)

# The committed scripts must equal a fresh generation, the released ones
# their checksums, and the worked examples' regression file its page.
.PHONY: sqlcheck
sqlcheck: $(SQL_PARTS) $(UPDATE_PARTS)
	cat $(SQL_PARTS) | cmp - $(EXTENSION)--$(EXTVERSION).sql || \
	  { echo "$(EXTENSION)--$(EXTVERSION).sql is stale: run make and commit it"; exit 1; }
	cat $(UPDATE_PARTS) | cmp - $(UPDATE) || \
	  { echo "$(UPDATE) is stale: run make and commit it"; exit 1; }
	sha256sum --quiet -c test/upgrade/released.sha256 || \
	  { echo "a released install script changed: released versions are frozen"; exit 1; }
	awk -f tools/worked_examples.awk docs/space_utilisation.md | cmp - test/sql/space_utilisation.sql || \
	  { echo "test/sql/space_utilisation.sql is stale: run make worked-examples and commit it"; exit 1; }

# The pg_regress file of a page's worked examples is generated from the page.
.PHONY: worked-examples
worked-examples:
	awk -f tools/worked_examples.awk docs/space_utilisation.md > test/sql/space_utilisation.sql

# make dist: the zip PGXN takes, of the committed tree (META.json at its top).
DIST = $(EXTENSION)-$(EXTVERSION).zip
.PHONY: dist
dist:
	git archive --format zip --prefix=$(EXTENSION)-$(EXTVERSION)/ -o $(DIST) HEAD
	@echo "wrote $(DIST)"

# make pgtap-installcheck: every pgTAP file with pg_prove against an installed
# server (PGHOST, PGPORT, PGUSER), in a database of its own made anew, as
# make installcheck does with pg_regress.  pgTAP must be installed there.
PGTAP_DB ?= estate_pgtap
PSQL_BIN = $(bindir)/psql
.PHONY: pgtap-installcheck
pgtap-installcheck:
	$(PSQL_BIN) -X -q -v ON_ERROR_STOP=1 -d postgres \
	  -c 'SET client_min_messages = warning' -c 'DROP DATABASE IF EXISTS $(PGTAP_DB)' -c 'CREATE DATABASE $(PGTAP_DB)'
	$(PSQL_BIN) -X -q -v ON_ERROR_STOP=1 -d $(PGTAP_DB) \
	  -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION $(EXTENSION)'
	pg_prove --psql-bin $(PSQL_BIN) -d $(PGTAP_DB) $(sort $(wildcard test/pgtap/*.sql))

# --- unit tests of src/core (no server) -----------------------------------
UNIT_TESTS = $(patsubst test/unit/%.c,build/unit/%,$(sort $(wildcard test/unit/test_*.c)))
UNIT_CFLAGS = -std=c99 -O1 -g -Wall -Wextra -Werror -Isrc/core -Isrc

build/unit/%: test/unit/%.c test/unit/tap.h $(CORE_SRCS) $(wildcard src/core/*.h)
	@mkdir -p build/unit
	$(CC) $(UNIT_CFLAGS) -o $@ $< $(CORE_SRCS)

.PHONY: unit
unit: $(UNIT_TESTS)
	prove $(UNIT_TESTS)

# --- libFuzzer harnesses of the text parsers (clang) -----------------------
# One binary per parser; fuzz_ordinal.c is built once per ordered vocabulary.
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc/core
ORDINAL_FUZZERS = build/fuzz/condition_grade build/fuzz/risk_band
FUZZERS = $(ORDINAL_FUZZERS) build/fuzz/backlog build/fuzz/renewal_forecast build/fuzz/disposal_impact build/fuzz/parse_amount \
	build/fuzz/core_hours build/fuzz/utilisation_state \
	build/fuzz/investment_plan_state build/fuzz/investment_plan

$(ORDINAL_FUZZERS): build/fuzz/%: test/fuzz/fuzz_ordinal.c $(CORE_SRCS)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_KIND=estate_$* -o $@ $^

build/fuzz/%: test/fuzz/fuzz_%.c $(CORE_SRCS) $(wildcard src/core/*.h)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(CORE_SRCS)

# Random binary input to every type's receive function, through a server:
# test/run runs it against its cluster (libpq, no sanitizers: the server is
# what is tested).
build/recv: test/fuzz/recv.c
	@mkdir -p build
	$(CC) -std=c99 -O1 -g -Wall -Wextra -Werror -I$(includedir) -o $@ $< -L$(libdir) -lpq

.PHONY: fuzz
fuzz: $(FUZZERS)
	@for f in $(FUZZERS); do \
	  name=$$(basename $$f); \
	  mkdir -p build/fuzz/corpus-$$name; \
	  echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	      build/fuzz/corpus-$$name test/fuzz/corpus/$$name 2>build/fuzz/$$name.log \
	    || { tail -50 build/fuzz/$$name.log; exit 1; }; \
	  grep -E 'stat::number_of_executed_units|Done' build/fuzz/$$name.log; \
	done
