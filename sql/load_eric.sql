-- estate.load_eric: the SQL side of bin/estate-load-eric.  Written with
-- CREATE OR REPLACE so that a fresh install and the update from 1.0 run this
-- one definition.

CREATE OR REPLACE FUNCTION @extschema@.load_eric(file_name text, year_label text, kind text,
                                      file_sha256 text, file_encoding text, lines text[],
                                      force boolean DEFAULT false)
    RETURNS bigint
    LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
    SET search_path = pg_catalog, pg_temp
AS $load$
DECLARE
    ym          text[] := regexp_match(year_label, '^\s*(\d{4})\s*[-/_]\s*(\d{2}|\d{4})\s*$');
    fy          integer;
    label       text;
    target      regclass;
    header_rec  record;
    looks_like  text;
    looks_year  text;
    ncol        integer;
    named_year  integer;
    named_label text;
    headers     text[];
    given       record;
    other       record;
    unsigned    text;
    mismatch    text;
    objection   text;
    unmapped    record;
    missing     text;
    bad         record;
    new_load    bigint;
    n_loaded    integer;
    state       text;
    message     text;
BEGIN
    IF kind IS NULL OR kind NOT IN ('site', 'trust') THEN
        RAISE EXCEPTION 'invalid ERIC file kind: "%"', kind
            USING ERRCODE = 'invalid_parameter_value', HINT = 'The kind is site or trust.';
    END IF;
    IF ym IS NULL OR (ym[2]::integer % 100) <> ((ym[1]::integer + 1) % 100) THEN
        RAISE EXCEPTION 'invalid financial year: "%"', year_label
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Write the financial year as its two calendar years, e.g. 2015/16.';
    END IF;
    IF lines IS NULL OR file_name IS NULL OR file_sha256 IS NULL OR file_encoding IS NULL OR force IS NULL THEN
        RAISE EXCEPTION 'estate.load_eric needs a file name, checksum, encoding, lines and force'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    fy := ym[1]::integer;
    label := format('%s/%s', fy, lpad(((fy + 1) % 100)::text, 2, '0'));
    target := CASE kind WHEN 'site' THEN '@extschema@.eric_site'::regclass ELSE '@extschema@.eric_trust'::regclass END;

    -- One load of a year and kind at a time; a second waits, then replaces.
    PERFORM pg_advisory_xact_lock(1162037571, fy * 2 + CASE kind WHEN 'site' THEN 0 ELSE 1 END);

    -- Records: lines joined while a quoted field spans them, then split.
    CREATE TEMP TABLE eric_records ON COMMIT DROP AS
    WITH l AS (
        SELECT n::integer AS n, coalesce(line, '') AS line,
               length(coalesce(line, '')) - length(replace(coalesce(line, ''), '"', '')) AS quotes
        FROM unnest(lines) WITH ORDINALITY AS u(line, n)
    ), c AS (
        SELECT n, line, sum(quotes) OVER (ORDER BY n) - quotes AS quotes_before FROM l
    ), g AS (
        SELECT n, line, count(*) FILTER (WHERE quotes_before % 2 = 0) OVER (ORDER BY n) AS rec FROM c
    )
    SELECT rec::integer AS rec, min(n) AS line_no, string_agg(line, E'\n' ORDER BY n) AS raw,
           @extschema@.eric_csv_fields(string_agg(line, E'\n' ORDER BY n)) AS fields
    FROM g GROUP BY rec;
    -- A byte-order mark that reached us is not part of the first header.
    UPDATE pg_temp.eric_records SET fields[1] = ltrim(fields[1], U&'\FEFF') WHERE rec = 1 AND fields IS NOT NULL;

    SELECT line_no INTO bad FROM pg_temp.eric_records WHERE fields IS NULL ORDER BY rec LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %: malformed CSV quoting', file_name, bad.line_no
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'A quoted field must end with a quote followed by a comma or the end of the record; a quote inside is doubled.';
    END IF;

    -- The header row: the first of the first 20 records naming a trust or a
    -- site code.  Only site files have a site code column: that tells the kind.
    SELECT r.rec, r.line_no, r.fields,
           EXISTS (SELECT FROM unnest(r.fields) AS f(v), @extschema@.eric_header AS h
                   WHERE h.kind = 'site' AND h.column_name = 'site_code'
                     AND h.header_key = @extschema@.eric_header_key(f.v)) AS has_site_code
    INTO header_rec
    FROM pg_temp.eric_records AS r
    WHERE r.rec <= 20
      AND EXISTS (SELECT FROM unnest(r.fields) AS f(v), @extschema@.eric_header AS h
                  WHERE h.column_name IN ('trust_code', 'site_code')
                    AND h.header_key = @extschema@.eric_header_key(f.v))
    ORDER BY r.rec LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% has no % header row', file_name, kind
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'The first 20 rows hold no "Organisation Code", "Trust Code" or "Site Code" column.';
    END IF;
    looks_like := CASE WHEN header_rec.has_site_code THEN 'site' ELSE 'trust' END;
    IF looks_like <> kind THEN
        -- The signatures of the other kind, where known, add their evidence.
        SELECT m.year_label, m.similarity INTO other
        FROM @extschema@.eric_signature_match(header_rec.fields) AS m
        WHERE m.kind = looks_like AND m.shared > 0 ORDER BY m.similarity DESC, m.financial_year DESC LIMIT 1;
        RAISE EXCEPTION '% looks like a % file, not a % file', file_name, looks_like, kind
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Its header row (row %s) has %s.%s', header_rec.line_no,
                                  CASE looks_like WHEN 'site' THEN 'a "Site Code" column, which trust files do not'
                                                  ELSE 'a trust code but no "Site Code" column' END,
                                  CASE WHEN other.year_label IS NOT NULL
                                       THEN format(' Its headers are most like the %s returns of %s (similarity %s).',
                                                   looks_like, other.year_label, to_char(other.similarity, 'FM0.000')) END),
                  HINT = format('Load it with --kind %s.', looks_like);
    END IF;
    -- Trailing empty headers (a row ending in commas) head no column.
    SELECT max(n) INTO ncol FROM unnest(header_rec.fields) WITH ORDINALITY AS f(v, n) WHERE btrim(v) <> '';

    -- The file's columns: header, section heading (the row above, carried
    -- right), whether the header repeats, and the table column it fills.
    CREATE TEMP TABLE eric_columns ON COMMIT DROP AS
    WITH cols AS (
        SELECT f.n::integer AS col_no, btrim(f.v) AS header, @extschema@.eric_header_key(f.v) AS header_key,
               nullif(btrim(s.fields[f.n]), '') AS heading
        FROM unnest(header_rec.fields) WITH ORDINALITY AS f(v, n)
        LEFT JOIN pg_temp.eric_records AS s ON s.rec = header_rec.rec - 1
        WHERE f.n <= ncol
    ), sect AS (
        SELECT c.*, count(c.heading) OVER (ORDER BY c.col_no) AS run FROM cols AS c
    ), filled AS (
        SELECT s.col_no, s.header, s.header_key,
               first_value(s.heading) OVER (PARTITION BY s.run ORDER BY s.col_no) AS section,
               count(*) OVER (PARTITION BY s.header_key) > 1 AS repeated
        FROM sect AS s
    )
    SELECT f.col_no, f.header, f.header_key, f.section, @extschema@.eric_header_key(f.section) AS section_key,
           f.repeated,
           CASE WHEN f.repeated THEN coalesce(f.section, 'column ' || f.col_no) || ': ' || f.header ELSE f.header END AS qualified,
           m.column_name, m.part, m.definition,
           format_type(a.atttypid, a.atttypmod) AS data_type
    FROM filled AS f
    LEFT JOIN LATERAL (
        -- A section-qualified entry wins; an unqualified one needs a header that occurs once.
        SELECT h.column_name, h.part, h.definition
        FROM @extschema@.eric_header AS h
        WHERE h.kind = load_eric.kind AND h.header_key = f.header_key
          AND (h.section_key = @extschema@.eric_header_key(f.section) OR (h.section_key IS NULL AND NOT f.repeated))
        ORDER BY h.section_key IS NULL LIMIT 1
    ) AS m ON true
    LEFT JOIN pg_attribute AS a ON a.attrelid = target AND a.attname = m.column_name AND NOT a.attisdropped;

    SELECT string_agg(format('column %s "%s"', col_no, header), ', ' ORDER BY col_no) AS cols, max(header) AS header
    INTO bad FROM pg_temp.eric_columns WHERE header = '';
    IF bad.cols IS NOT NULL THEN
        RAISE EXCEPTION '% row %: % has no header', file_name, header_rec.line_no, bad.cols
            USING ERRCODE = 'invalid_text_representation';
    END IF;
    SELECT min(column_name) AS column_name INTO bad FROM pg_temp.eric_columns
    WHERE column_name IS NOT NULL AND data_type IS NULL;
    IF bad.column_name IS NOT NULL THEN
        RAISE EXCEPTION 'estate.eric_header maps to %, which % does not have', bad.column_name, target
            USING ERRCODE = 'internal_error';
    END IF;
    -- A header the map knows only unqualified must not vanish because it repeats.
    SELECT min(c.header) AS header, string_agg(coalesce(c.section, '(no section)'), ', ' ORDER BY c.col_no) AS sections
    INTO bad
    FROM pg_temp.eric_columns AS c
    WHERE c.repeated AND EXISTS (SELECT FROM @extschema@.eric_header AS h
                                 WHERE h.kind = load_eric.kind AND h.header_key = c.header_key AND h.section_key IS NULL)
    GROUP BY c.header_key HAVING bool_and(c.column_name IS NULL) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %: header "%" repeats (sections %); the header map names no section for it',
                        file_name, header_rec.line_no, bad.header, bad.sections
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'Add the section to estate.eric_header so the right occurrence is loaded.';
    END IF;
    SELECT column_name, string_agg(format('column %s "%s"', col_no, qualified), ' and ' ORDER BY col_no) AS cols INTO bad
    FROM pg_temp.eric_columns WHERE column_name IS NOT NULL
    GROUP BY column_name HAVING count(*) > 1 AND NOT bool_and(part) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %: % both map to %', file_name, header_rec.line_no, bad.cols, bad.column_name
            USING ERRCODE = 'invalid_text_representation';
    END IF;
    SELECT string_agg(c, ', ') INTO missing
    FROM unnest(CASE kind WHEN 'site' THEN ARRAY['trust_code', 'site_code'] ELSE ARRAY['trust_code'] END) AS c
    WHERE NOT EXISTS (SELECT FROM pg_temp.eric_columns AS e WHERE e.column_name = c);
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION '% row %: no column for %', file_name, header_rec.line_no, missing
            USING ERRCODE = 'invalid_text_representation';
    END IF;

    -- The year guards: the year the file's name carries (2015-16, 2015_16,
    -- 2015 16, 201516, 2015-2016: the second year following the first), and
    -- the year whose header signature its headers match best.  A file whose
    -- every header is in the given year's signature is that year's, perhaps
    -- cut to fewer columns; otherwise another year matching strictly better
    -- (Jaccard similarity, compared as exact fractions) refuses the load.
    SELECT m[1]::integer, format('%s/%s', m[1], m[3]) INTO named_year, named_label
    FROM regexp_matches(file_name, '(?<![0-9])(20[0-9]{2})[-_/ ]?(20)?([0-9]{2})(?![0-9])', 'g') WITH ORDINALITY AS x(m, n)
    WHERE (m[3]::integer + 100 - substr(m[1], 3, 2)::integer) % 100 = 1
    ORDER BY x.n LIMIT 1;
    IF named_year = fy THEN
        named_label := NULL;
    END IF;
    headers := ARRAY(SELECT header FROM pg_temp.eric_columns ORDER BY col_no);
    SELECT m.* INTO given FROM @extschema@.eric_signature_match(headers) AS m
    WHERE m.kind = load_eric.kind AND m.financial_year = fy;
    SELECT m.* INTO other FROM @extschema@.eric_signature_match(headers) AS m
    WHERE m.kind = load_eric.kind AND m.financial_year <> fy
    ORDER BY m.shared::numeric / (m.file_keys + m.signature_keys - m.shared) DESC, m.financial_year DESC LIMIT 1;
    IF given.year_label IS NULL THEN
        unsigned := format('no header signature is known for the %s returns of %s, so its headers cannot confirm the year%s',
                           kind, label, CASE WHEN other.year_label IS NOT NULL
                                             THEN format('; they are most like %s''s (similarity %s = %s shared / %s in either)',
                                                         other.year_label, to_char(other.similarity, 'FM0.000'), other.shared,
                                                         other.file_keys + other.signature_keys - other.shared) END);
    ELSIF given.shared < given.file_keys AND other.year_label IS NOT NULL
          AND other.shared::bigint * (given.file_keys + given.signature_keys - given.shared)
              > given.shared::bigint * (other.file_keys + other.signature_keys - other.shared) THEN
        mismatch := format('its headers match %s''s signature better (similarity %s = %s shared / %s in either) than %s''s (%s = %s / %s)',
                           other.year_label, to_char(other.similarity, 'FM0.000'), other.shared,
                           other.file_keys + other.signature_keys - other.shared,
                           label, to_char(given.similarity, 'FM0.000'), given.shared,
                           given.file_keys + given.signature_keys - given.shared);
    END IF;
    IF named_label IS NOT NULL OR mismatch IS NOT NULL THEN
        looks_year := array_to_string(ARRAY(SELECT DISTINCT y
                                            FROM unnest(ARRAY[named_label, CASE WHEN mismatch IS NOT NULL THEN other.year_label END]) AS u(y)
                                            WHERE y IS NOT NULL ORDER BY y), ' or ');
        objection := format('looks like %s, not %s: %s', looks_year, label, concat_ws('; ', 'it is named for ' || named_label, mismatch));
        IF NOT force THEN
            RAISE EXCEPTION '% %', file_name, objection
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = format('Load it with --year %s if it holds that year''s returns, or with --force (force => true) to load it as %s all the same. Nothing was loaded.',
                                    looks_year, label);
        END IF;
    END IF;

    -- Rows after the header: skipped (blank, repeated headers, subtotals,
    -- the grand total) or returns.
    CREATE TEMP TABLE eric_rows ON COMMIT DROP AS
    SELECT r.rec, r.line_no, r.fields,
           CASE WHEN btrim(array_to_string(r.fields, '')) = '' THEN 'blank'
                WHEN r.fields[1:ncol] = (SELECT s.fields[1:ncol] FROM pg_temp.eric_records AS s WHERE s.rec = header_rec.rec - 1)
                     THEN 'repeated header'
                -- Compare whole rows with the headers only where the trust code cell is a header.
                WHEN CASE WHEN @extschema@.eric_header_key(r.fields[tc.col_no]) = tc.header_key
                          THEN (SELECT array_agg(@extschema@.eric_header_key(v) ORDER BY n)
                                FROM unnest(r.fields[1:ncol]) WITH ORDINALITY AS f(v, n))
                               = (SELECT array_agg(header_key ORDER BY col_no) FROM pg_temp.eric_columns)
                          ELSE false END
                     THEN 'repeated header'
                WHEN EXISTS (SELECT FROM unnest(r.fields[1:3]) AS f(v) WHERE v ~* '^\s*grand\s+total\s*$') THEN 'grand total'
                WHEN r.fields[tc.col_no] ~* '\sresult\s*$'
                     AND (kind = 'trust' OR btrim(coalesce(r.fields[sc.col_no], '')) = '') THEN 'subtotal'
           END AS skipped
    FROM pg_temp.eric_records AS r
    CROSS JOIN (SELECT col_no, header_key FROM pg_temp.eric_columns WHERE column_name = 'trust_code') AS tc
    LEFT JOIN (SELECT col_no FROM pg_temp.eric_columns WHERE column_name = 'site_code') AS sc ON true
    WHERE r.rec > header_rec.rec;

    SELECT line_no, coalesce(array_length(fields, 1), 0) AS n INTO bad FROM pg_temp.eric_rows
    WHERE skipped IS NULL AND coalesce(array_length(fields, 1), 0) < ncol ORDER BY rec LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %, column % "%": missing, the row ends after column % (truncated row)',
                        file_name, bad.line_no, bad.n + 1,
                        (SELECT qualified FROM pg_temp.eric_columns WHERE col_no = bad.n + 1), bad.n
            USING ERRCODE = 'invalid_text_representation',
                  HINT = format('The header row has %s columns.', ncol);
    END IF;
    SELECT r.line_no, x.n, x.v INTO bad
    FROM pg_temp.eric_rows AS r, unnest(r.fields[ncol + 1:]) WITH ORDINALITY AS x(v, n)
    WHERE r.skipped IS NULL AND btrim(x.v) <> '' ORDER BY r.rec, x.n LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %, column %: "%" is beyond the last headed column', file_name, bad.line_no, ncol + bad.n, bad.v
            USING ERRCODE = 'invalid_text_representation';
    END IF;

    -- The cells of the returns that a column takes.
    CREATE TEMP TABLE eric_cells ON COMMIT DROP AS
    SELECT r.rec, r.line_no, c.col_no, c.qualified, c.column_name, c.data_type, r.fields[c.col_no] AS raw,
           @extschema@.cell_kind(r.fields[c.col_no]) AS cell
    FROM pg_temp.eric_rows AS r, pg_temp.eric_columns AS c
    WHERE r.skipped IS NULL AND c.column_name IS NOT NULL;

    SELECT line_no, col_no, qualified, raw INTO bad FROM pg_temp.eric_cells
    WHERE cell = 'value' AND data_type = 'boolean' AND lower(btrim(raw)) NOT IN ('yes', 'no')
    ORDER BY rec, col_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %, column % "%": "%" is not Yes or No', file_name, bad.line_no, bad.col_no, bad.qualified, bad.raw
            USING ERRCODE = 'invalid_text_representation';
    END IF;
    SELECT line_no, col_no, qualified, raw INTO bad FROM pg_temp.eric_cells
    WHERE column_name IN ('trust_code', 'site_code')
      AND (cell <> 'value' OR length(btrim(raw)) > 32)  -- ODS codes are a few characters; a long one would overflow the key's index
    ORDER BY rec, col_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% row %, column % "%": "%" is not a code', file_name, bad.line_no, bad.col_no, bad.qualified, coalesce(bad.raw, '')
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'Every return needs its trust (and site) code, at most 32 characters; subtotal rows end in " Result".';
    END IF;

    -- Typed values, one JSON object per return.  A bad number fails the
    -- whole statement; it is then looked for cell by cell to say where.
    BEGIN
        CREATE TEMP TABLE eric_values ON COMMIT DROP AS
        WITH v AS (
            SELECT rec, line_no, column_name,
                   -- Parts add up; Not Applicable parts add nothing, a missing
                   -- part leaves the sum unknown; no value at all is NULL, never 0.
                   CASE min(data_type)
                       WHEN 'numeric' THEN CASE WHEN NOT bool_or(cell = 'missing')
                                                THEN to_jsonb(sum(@extschema@.parse_amount(raw)) FILTER (WHERE data_type = 'numeric')) END
                       WHEN 'boolean' THEN to_jsonb(bool_or(lower(btrim(raw)) = 'yes')
                                                    FILTER (WHERE data_type = 'boolean' AND cell = 'value'))
                       -- Site types carried a numeric prefix in some years (1. General acute hospital).
                       ELSE to_jsonb(min(CASE WHEN column_name = 'site_type'
                                              THEN regexp_replace(btrim(raw), '^\d+\.\s*', '')
                                              ELSE btrim(raw) END)
                                     FILTER (WHERE data_type NOT IN ('numeric', 'boolean') AND cell = 'value'))
                   END AS value,
                   bool_and(cell = 'not applicable') AS not_applicable
            FROM pg_temp.eric_cells
            GROUP BY rec, line_no, column_name
        )
        SELECT rec, line_no,
               jsonb_object_agg(column_name, value) AS obj,
               coalesce(array_agg(column_name ORDER BY column_name) FILTER (WHERE not_applicable), '{}') AS not_applicable
        FROM v GROUP BY rec, line_no;
    EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
        FOR bad IN SELECT line_no, col_no, qualified, raw FROM pg_temp.eric_cells
                   WHERE data_type = 'numeric' ORDER BY rec, col_no LOOP
            BEGIN
                PERFORM @extschema@.parse_amount(bad.raw);
            EXCEPTION WHEN invalid_text_representation OR numeric_value_out_of_range THEN
                GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, message = MESSAGE_TEXT;
                RAISE EXCEPTION '% row %, column % "%": %', file_name, bad.line_no, bad.col_no, bad.qualified, message
                    USING ERRCODE = state,
                          HINT = 'Numbers are written like 1234, 1,234.56 or £1,234; blank, Not Applicable, N/A, No Data Provided and - mean no value. Nothing was loaded.';
            END;
        END LOOP;
        RAISE;
    END;

    SELECT a.line_no AS first_row, b.line_no AS second_row, a.obj->>'trust_code' AS trust_code, a.obj->>'site_code' AS site_code
    INTO bad
    FROM pg_temp.eric_values AS a JOIN pg_temp.eric_values AS b
      ON a.rec < b.rec AND a.obj->'trust_code' = b.obj->'trust_code'
     AND (kind = 'trust' OR a.obj->'site_code' = b.obj->'site_code')
    ORDER BY b.rec LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% rows % and % hold the same return (trust %)', file_name, bad.first_row, bad.second_row,
                        bad.trust_code || coalesce(', site ' || bad.site_code, '')
            USING ERRCODE = 'unique_violation';
    END IF;

    INSERT INTO @extschema@.eric_load (kind, financial_year, year_label, file_name, file_sha256, file_encoding,
                                       header_row, rows_loaded, rows_skipped, header_mapping, definitions, forced)
    SELECT kind, fy, label, file_name, file_sha256, file_encoding, header_rec.line_no,
           (SELECT count(*) FROM pg_temp.eric_values),
           (SELECT jsonb_build_object('subtotal', count(*) FILTER (WHERE skipped = 'subtotal'),
                                      'grand total', count(*) FILTER (WHERE skipped = 'grand total'),
                                      'repeated header', count(*) FILTER (WHERE skipped = 'repeated header'),
                                      'blank', count(*) FILTER (WHERE skipped = 'blank'))
            FROM pg_temp.eric_rows),
           (SELECT jsonb_agg(jsonb_build_object('column', col_no, 'section', section, 'header', header,
                                                'loaded_as', column_name) ORDER BY col_no)
            FROM pg_temp.eric_columns),
           (SELECT coalesce(jsonb_object_agg(column_name, definition), '{}')
            FROM (SELECT DISTINCT column_name, definition FROM pg_temp.eric_columns WHERE column_name IS NOT NULL) AS d),
           objection
    RETURNING load_id INTO new_load;

    EXECUTE format('DELETE FROM %s WHERE financial_year = $1', target) USING fy;
    EXECUTE format($i$
        INSERT INTO %1$s
        SELECT t.*
        FROM pg_temp.eric_values AS v
        LEFT JOIN (SELECT r.rec, jsonb_object_agg(c.qualified, btrim(r.fields[c.col_no])) AS items
                   FROM pg_temp.eric_rows AS r, pg_temp.eric_columns AS c
                   WHERE r.skipped IS NULL AND c.column_name IS NULL
                     AND @extschema@.cell_kind(r.fields[c.col_no]) <> 'missing'
                   GROUP BY r.rec) AS o ON o.rec = v.rec
        CROSS JOIN LATERAL jsonb_populate_record(NULL::%1$s,
                    v.obj || jsonb_build_object('financial_year', $1, 'year_label', $2, 'load_id', $3,
                                                'source_row', v.line_no, 'not_applicable', v.not_applicable,
                                                'other_items', coalesce(o.items, '{}'::jsonb))) AS t
        ORDER BY v.rec
    $i$, target) USING fy, label, new_load;
    GET DIAGNOSTICS n_loaded = ROW_COUNT;
    IF n_loaded = 0 THEN
        RAISE EXCEPTION '% holds no % returns', file_name, kind
            USING ERRCODE = 'invalid_text_representation';
    END IF;
    -- Said once the load is sure to succeed: a refused load says only why.
    IF objection IS NOT NULL THEN
        RAISE WARNING '% loaded as % by force; it %', file_name, label, objection;
    END IF;
    IF unsigned IS NOT NULL THEN
        RAISE NOTICE '%: %', file_name, unsigned;
    END IF;
    SELECT count(*) AS n, string_agg(format('column %s "%s"', col_no, qualified), E'\n' ORDER BY col_no) AS cols
    INTO unmapped FROM pg_temp.eric_columns WHERE column_name IS NULL;
    IF unmapped.n > 0 THEN
        RAISE NOTICE '%: % of % headers map to no column of %; their cells are kept in other_items', file_name, unmapped.n, ncol, target
            USING DETAIL = unmapped.cols,
                  HINT = 'A row in estate.eric_header maps a header to a column.';
    END IF;
    -- The work tables go now, not at commit: the next load in this
    -- transaction (perhaps by another role) makes its own.
    DROP TABLE pg_temp.eric_records, pg_temp.eric_columns, pg_temp.eric_rows,
               pg_temp.eric_cells, pg_temp.eric_values;
    RETURN new_load;
END
$load$;
COMMENT ON FUNCTION @extschema@.load_eric(text, text, text, text, text, text[], boolean) IS
    'load the lines of one ERIC site or trust CSV file as the returns of a financial year, replacing that year; all or nothing; refuses a file that looks like another year or kind unless forced (used by estate-load-eric)';
