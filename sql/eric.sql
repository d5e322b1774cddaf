
-- ---------------------------------------------------------------------------
-- ERIC in the warehouse: reference tables users fill, the load
-- audit, the header map shipped with the extension, and the loader.
-- ---------------------------------------------------------------------------

-- One row per load, also of loads that were later replaced.  Created first:
-- the returns point at the load that brought them.
CREATE SEQUENCE @extschema@.eric_load_id_seq;
CREATE TABLE @extschema@.eric_load (
    load_id         bigint PRIMARY KEY DEFAULT pg_catalog.nextval('@extschema@.eric_load_id_seq'::pg_catalog.regclass),
    kind            text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['site', 'trust']::text[])),
    financial_year  smallint NOT NULL,
    year_label      text NOT NULL,
    file_name       text NOT NULL,
    file_sha256     text NOT NULL,
    file_encoding   text NOT NULL,
    header_row      integer NOT NULL,
    rows_loaded     integer NOT NULL,
    rows_skipped    jsonb NOT NULL,
    header_mapping  jsonb NOT NULL,
    definitions     jsonb NOT NULL,
    loaded_at       timestamptz NOT NULL DEFAULT pg_catalog.now(),
    loaded_by       text NOT NULL DEFAULT CURRENT_USER
);
ALTER SEQUENCE @extschema@.eric_load_id_seq OWNED BY @extschema@.eric_load.load_id;
CREATE INDEX eric_load_year_idx ON @extschema@.eric_load (kind, financial_year, load_id);
COMMENT ON TABLE @extschema@.eric_load IS
    'audit of ERIC loads: file, checksum, year, kind, rows, when, and the header -> column mapping used';
COMMENT ON COLUMN @extschema@.eric_load.load_id IS 'load number; the returns of a year carry the number of the load that brought them';
COMMENT ON COLUMN @extschema@.eric_load.kind IS 'site or trust';
COMMENT ON COLUMN @extschema@.eric_load.financial_year IS 'starting year of the financial year (2015 for 2015/16)';
COMMENT ON COLUMN @extschema@.eric_load.year_label IS 'financial year as written, e.g. 2015/16';
COMMENT ON COLUMN @extschema@.eric_load.file_name IS 'name of the loaded file';
COMMENT ON COLUMN @extschema@.eric_load.file_sha256 IS 'SHA-256 of the file''s bytes, hex';
COMMENT ON COLUMN @extschema@.eric_load.file_encoding IS 'encoding the file was read in (UTF8, UTF8 with BOM, WIN1252)';
COMMENT ON COLUMN @extschema@.eric_load.header_row IS 'row of the file that holds the column headers';
COMMENT ON COLUMN @extschema@.eric_load.rows_loaded IS 'returns loaded';
COMMENT ON COLUMN @extschema@.eric_load.rows_skipped IS 'rows skipped, by reason: subtotal, grand total, repeated header, blank';
COMMENT ON COLUMN @extschema@.eric_load.header_mapping IS 'each column of the file: number, section, header and the table column it went to (null: kept in other_items)';
COMMENT ON COLUMN @extschema@.eric_load.definitions IS 'table column -> definition it was loaded under, compared between years by estate.year_on_year';
COMMENT ON COLUMN @extschema@.eric_load.loaded_at IS 'when the load committed';
COMMENT ON COLUMN @extschema@.eric_load.loaded_by IS 'role that ran the load';

CREATE TABLE @extschema@.eric_site (
    financial_year                      smallint NOT NULL,
    year_label                          text NOT NULL,
    trust_code                          text NOT NULL,
    site_code                           text NOT NULL,
    trust_name                          text,
    commissioning_region                text,
    organisation_type                   text,
    integrated_care_board               text,
    site_name                           text,
    site_type                           text,
    gross_internal_floor_area_m2        numeric,
    occupied_floor_area_m2              numeric,
    nhs_occupied_floor_area_pct         numeric,
    heated_volume_m3                    numeric,
    building_footprint_m2               numeric,
    land_area_ha                        numeric,
    patient_occupied_floor_area_m2      numeric,
    non_patient_occupied_floor_area_m2  numeric,
    clinical_space_m2                   numeric,
    non_clinical_space_m2               numeric,
    not_functionally_suitable_pct       numeric,
    not_functionally_suitable_patient_pct numeric,
    empty_floor_area_pct                numeric,
    underused_floor_area_pct            numeric,
    available_beds_count                numeric,
    occupied_beds_count                 numeric,
    single_bedrooms_ensuite_count       numeric,
    single_bedrooms_no_ensuite_count    numeric,
    age_2015_on_pct                     numeric,
    age_2005_2014_pct                   numeric,
    age_1995_2004_pct                   numeric,
    age_1985_1994_pct                   numeric,
    age_1975_1984_pct                   numeric,
    age_1965_1974_pct                   numeric,
    age_1955_1964_pct                   numeric,
    age_1948_1954_pct                   numeric,
    age_pre_1948_pct                    numeric,
    backlog_high_risk_gbp               numeric CHECK (backlog_high_risk_gbp OPERATOR(pg_catalog.>=) 0::numeric),
    backlog_significant_risk_gbp        numeric CHECK (backlog_significant_risk_gbp OPERATOR(pg_catalog.>=) 0::numeric),
    backlog_moderate_risk_gbp           numeric CHECK (backlog_moderate_risk_gbp OPERATOR(pg_catalog.>=) 0::numeric),
    backlog_low_risk_gbp                numeric CHECK (backlog_low_risk_gbp OPERATOR(pg_catalog.>=) 0::numeric),
    risk_adjusted_backlog_gbp           numeric,
    electricity_kwh                     numeric,
    gas_kwh                             numeric,
    oil_kwh                             numeric,
    coal_kwh                            numeric,
    steam_kwh                           numeric,
    hot_water_kwh                       numeric,
    renewable_electricity_kwh           numeric,
    non_fossil_fuel_kwh                 numeric,
    chp_fossil_input_kwh                numeric,
    chp_thermal_output_kwh              numeric,
    chp_electrical_output_kwh           numeric,
    exported_electricity_kwh            numeric,
    exported_thermal_kwh                numeric,
    energy_cost_gbp                     numeric,
    water_volume_m3                     numeric,
    water_sewage_cost_gbp               numeric,
    hard_fm_cost_gbp                    numeric,
    soft_fm_cost_gbp                    numeric,
    finance_cost_gbp                    numeric,
    maintenance_cost_gbp                numeric,
    cleaning_cost_gbp                   numeric,
    waste_cost_gbp                      numeric,
    parking_spaces_count                numeric,
    not_applicable                      text[] NOT NULL DEFAULT '{}'::text[],
    other_items                         jsonb NOT NULL DEFAULT '{}'::jsonb,
    load_id                             bigint NOT NULL REFERENCES @extschema@.eric_load,
    source_row                          integer NOT NULL,
    PRIMARY KEY (financial_year, trust_code, site_code)
);
CREATE INDEX eric_site_site_code_idx ON @extschema@.eric_site (site_code, financial_year);
CREATE INDEX eric_site_load_idx ON @extschema@.eric_site (load_id);
COMMENT ON TABLE @extschema@.eric_site IS
    'ERIC site returns, one row per site (and per trust''s AGGRE aggregate row) per financial year; filled by estate-load-eric';

CREATE TABLE @extschema@.eric_trust (
    financial_year                      smallint NOT NULL,
    year_label                          text NOT NULL,
    trust_code                          text NOT NULL,
    trust_name                          text,
    commissioning_region                text,
    organisation_type                   text,
    integrated_care_board               text,
    site_count                          numeric,
    estates_development_strategy        boolean,
    contracted_out_services_gbp         numeric,
    contracted_out_pct                  numeric,
    capital_new_build_gbp               numeric,
    capital_existing_buildings_gbp      numeric,
    capital_equipment_gbp               numeric,
    private_sector_investment_gbp       numeric,
    backlog_investment_gbp              numeric,
    land_sales_income_gbp               numeric,
    land_sold_ha                        numeric,
    riddor_incidents_count              numeric,
    estates_incidents_count             numeric,
    clinical_incidents_from_estates_count numeric,
    fires_recorded_count                numeric,
    false_alarms_count                  numeric,
    fire_deaths_count                   numeric,
    fire_injuries_count                 numeric,
    not_applicable                      text[] NOT NULL DEFAULT '{}'::text[],
    other_items                         jsonb NOT NULL DEFAULT '{}'::jsonb,
    load_id                             bigint NOT NULL REFERENCES @extschema@.eric_load,
    source_row                          integer NOT NULL,
    PRIMARY KEY (financial_year, trust_code)
);
CREATE INDEX eric_trust_load_idx ON @extschema@.eric_trust (load_id);
COMMENT ON TABLE @extschema@.eric_trust IS
    'ERIC trust returns, one row per trust per financial year; filled by estate-load-eric';

-- Column comments of both tables: shared identity and bookkeeping columns first.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['eric_site', 'eric_trust'] LOOP
        EXECUTE pg_catalog.format($f$
            COMMENT ON COLUMN @extschema@.%1$I.financial_year IS 'starting year of the financial year (2015 for 2015/16; the year runs 1 April to 31 March)';
            COMMENT ON COLUMN @extschema@.%1$I.year_label IS 'financial year as published, e.g. 2015/16';
            COMMENT ON COLUMN @extschema@.%1$I.trust_code IS 'ODS code of the trust (Organisation Code, later Trust Code)';
            COMMENT ON COLUMN @extschema@.%1$I.trust_name IS 'trust name as published';
            COMMENT ON COLUMN @extschema@.%1$I.commissioning_region IS 'NHS England commissioning region as published';
            COMMENT ON COLUMN @extschema@.%1$I.organisation_type IS 'organisation type as published (acute, community, care trust, ...)';
            COMMENT ON COLUMN @extschema@.%1$I.integrated_care_board IS 'Integrated Care Board as published (files from 2022/23)';
            COMMENT ON COLUMN @extschema@.%1$I.not_applicable IS 'columns of this row answered Not Applicable (an answer, unlike a blank or No Data Provided)';
            COMMENT ON COLUMN @extschema@.%1$I.other_items IS 'cells of the file that no column holds, by header (qualified by section where the header repeats)';
            COMMENT ON COLUMN @extschema@.%1$I.load_id IS 'the load that brought this row (estate.eric_load)';
            COMMENT ON COLUMN @extschema@.%1$I.source_row IS 'row of the file this return came from';
        $f$, t);
    END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.eric_site.site_code IS 'ODS site code; AGGRE is the trust''s aggregate of small sites';
COMMENT ON COLUMN @extschema@.eric_site.site_name IS 'site name as published';
COMMENT ON COLUMN @extschema@.eric_site.site_type IS 'site type as published, without the numeric prefix some years carry (1. General acute hospital)';
COMMENT ON COLUMN @extschema@.eric_site.gross_internal_floor_area_m2 IS 'gross internal floor area, m2 (Gross internal (site) floor area)';
COMMENT ON COLUMN @extschema@.eric_site.occupied_floor_area_m2 IS 'occupied floor area, m2 (the Areas section, not the PFI section)';
COMMENT ON COLUMN @extschema@.eric_site.nhs_occupied_floor_area_pct IS 'share of the floor area occupied by the NHS, %';
COMMENT ON COLUMN @extschema@.eric_site.heated_volume_m3 IS 'site heated volume, m3';
COMMENT ON COLUMN @extschema@.eric_site.building_footprint_m2 IS 'building footprint, m2 (Site footprint in 2013/14)';
COMMENT ON COLUMN @extschema@.eric_site.land_area_ha IS 'site land area, hectares';
COMMENT ON COLUMN @extschema@.eric_site.patient_occupied_floor_area_m2 IS 'patient occupied floor area, m2 (2013/14 and 2014/15)';
COMMENT ON COLUMN @extschema@.eric_site.non_patient_occupied_floor_area_m2 IS 'non-patient occupied floor area, m2 (2013/14 and 2014/15)';
COMMENT ON COLUMN @extschema@.eric_site.clinical_space_m2 IS 'clinical space, m2 (from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_site.non_clinical_space_m2 IS 'non-clinical space, m2 (from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_site.not_functionally_suitable_pct IS 'occupied floor area not functionally suitable, %';
COMMENT ON COLUMN @extschema@.eric_site.not_functionally_suitable_patient_pct IS 'patient occupied floor area not functionally suitable, %';
COMMENT ON COLUMN @extschema@.eric_site.empty_floor_area_pct IS 'floor area empty, % (Un-utilised space until 2014/15: a different definition)';
COMMENT ON COLUMN @extschema@.eric_site.underused_floor_area_pct IS 'floor area under-used, % (from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_site.available_beds_count IS 'available beds (until 2014/15)';
COMMENT ON COLUMN @extschema@.eric_site.occupied_beds_count IS 'occupied beds (until 2014/15; the Function and Space section, not PFI)';
COMMENT ON COLUMN @extschema@.eric_site.single_bedrooms_ensuite_count IS 'single bedrooms for patients with en-suite facilities';
COMMENT ON COLUMN @extschema@.eric_site.single_bedrooms_no_ensuite_count IS 'single bedrooms for patients without en-suite facilities';
COMMENT ON COLUMN @extschema@.eric_site.age_2015_on_pct IS 'floor area built 2015 or later, %';
COMMENT ON COLUMN @extschema@.eric_site.age_2005_2014_pct IS 'floor area built 2005-2014, % (2005 to present in 2013/14)';
COMMENT ON COLUMN @extschema@.eric_site.age_1995_2004_pct IS 'floor area built 1995-2004, %';
COMMENT ON COLUMN @extschema@.eric_site.age_1985_1994_pct IS 'floor area built 1985-1994, %';
COMMENT ON COLUMN @extschema@.eric_site.age_1975_1984_pct IS 'floor area built 1975-1984, %';
COMMENT ON COLUMN @extschema@.eric_site.age_1965_1974_pct IS 'floor area built 1965-1974, %';
COMMENT ON COLUMN @extschema@.eric_site.age_1955_1964_pct IS 'floor area built 1955-1964, %';
COMMENT ON COLUMN @extschema@.eric_site.age_1948_1954_pct IS 'floor area built 1948-1954, %';
COMMENT ON COLUMN @extschema@.eric_site.age_pre_1948_pct IS 'floor area built before 1948, %';
COMMENT ON COLUMN @extschema@.eric_site.backlog_high_risk_gbp IS 'cost to eradicate high risk backlog, GBP';
COMMENT ON COLUMN @extschema@.eric_site.backlog_significant_risk_gbp IS 'cost to eradicate significant risk backlog, GBP';
COMMENT ON COLUMN @extschema@.eric_site.backlog_moderate_risk_gbp IS 'cost to eradicate moderate risk backlog, GBP';
COMMENT ON COLUMN @extschema@.eric_site.backlog_low_risk_gbp IS 'cost to eradicate low risk backlog, GBP';
COMMENT ON COLUMN @extschema@.eric_site.risk_adjusted_backlog_gbp IS 'risk-adjusted backlog cost as published (until 2015/16), GBP; a weighting of the bands, never added to them';
COMMENT ON COLUMN @extschema@.eric_site.electricity_kwh IS 'electricity consumed, kWh (utility + local until 2014/15)';
COMMENT ON COLUMN @extschema@.eric_site.gas_kwh IS 'gas consumed, kWh';
COMMENT ON COLUMN @extschema@.eric_site.oil_kwh IS 'oil consumed, kWh';
COMMENT ON COLUMN @extschema@.eric_site.coal_kwh IS 'coal consumed, kWh';
COMMENT ON COLUMN @extschema@.eric_site.steam_kwh IS 'steam consumed, kWh';
COMMENT ON COLUMN @extschema@.eric_site.hot_water_kwh IS 'hot water consumed, kWh';
COMMENT ON COLUMN @extschema@.eric_site.renewable_electricity_kwh IS 'electricity consumed from renewable sources, kWh (green tariff + third-party renewable from 2016/17)';
COMMENT ON COLUMN @extschema@.eric_site.non_fossil_fuel_kwh IS 'non-fossil fuel consumed (renewable), kWh';
COMMENT ON COLUMN @extschema@.eric_site.chp_fossil_input_kwh IS 'fossil energy input to combined heat and power plant, kWh';
COMMENT ON COLUMN @extschema@.eric_site.chp_thermal_output_kwh IS 'thermal energy output of combined heat and power plant, kWh';
COMMENT ON COLUMN @extschema@.eric_site.chp_electrical_output_kwh IS 'electrical energy output of combined heat and power plant, kWh';
COMMENT ON COLUMN @extschema@.eric_site.exported_electricity_kwh IS 'electricity exported, kWh';
COMMENT ON COLUMN @extschema@.eric_site.exported_thermal_kwh IS 'thermal energy exported, kWh';
COMMENT ON COLUMN @extschema@.eric_site.energy_cost_gbp IS 'energy cost, all supplies, GBP';
COMMENT ON COLUMN @extschema@.eric_site.water_volume_m3 IS 'water volume including borehole, m3';
COMMENT ON COLUMN @extschema@.eric_site.water_sewage_cost_gbp IS 'water and sewage cost, GBP (water + sewage from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_site.hard_fm_cost_gbp IS 'hard FM (estates) costs, GBP (not the PFI section)';
COMMENT ON COLUMN @extschema@.eric_site.soft_fm_cost_gbp IS 'soft FM (hotel services) costs, GBP (not the PFI section)';
COMMENT ON COLUMN @extschema@.eric_site.finance_cost_gbp IS 'estates and facilities finance costs, GBP';
COMMENT ON COLUMN @extschema@.eric_site.maintenance_cost_gbp IS 'maintenance service costs, GBP (not the PFI section)';
COMMENT ON COLUMN @extschema@.eric_site.cleaning_cost_gbp IS 'cleaning service cost, GBP';
COMMENT ON COLUMN @extschema@.eric_site.waste_cost_gbp IS 'waste cost, GBP (sum of the waste streams from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_site.parking_spaces_count IS 'parking spaces available';
COMMENT ON COLUMN @extschema@.eric_trust.site_count IS 'total number of sites (until 2014/15)';
COMMENT ON COLUMN @extschema@.eric_trust.estates_development_strategy IS 'the trust has an estates development strategy';
COMMENT ON COLUMN @extschema@.eric_trust.contracted_out_services_gbp IS 'value of contracted out services, GBP';
COMMENT ON COLUMN @extschema@.eric_trust.contracted_out_pct IS 'hard and soft FM contracted out, %';
COMMENT ON COLUMN @extschema@.eric_trust.capital_new_build_gbp IS 'capital investment for new build, GBP';
COMMENT ON COLUMN @extschema@.eric_trust.capital_existing_buildings_gbp IS 'capital investment for improving existing buildings, GBP';
COMMENT ON COLUMN @extschema@.eric_trust.capital_equipment_gbp IS 'capital investment for equipment, GBP';
COMMENT ON COLUMN @extschema@.eric_trust.private_sector_investment_gbp IS 'private sector investment, GBP (from 2014/15)';
COMMENT ON COLUMN @extschema@.eric_trust.backlog_investment_gbp IS 'investment to reduce backlog maintenance, GBP';
COMMENT ON COLUMN @extschema@.eric_trust.land_sales_income_gbp IS 'income from building and land sales, GBP';
COMMENT ON COLUMN @extschema@.eric_trust.land_sold_ha IS 'building and land area sold, hectares';
COMMENT ON COLUMN @extschema@.eric_trust.riddor_incidents_count IS 'RIDDOR incidents (from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_trust.estates_incidents_count IS 'estates and facilities related incidents (from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_trust.clinical_incidents_from_estates_count IS 'clinical service incidents caused by estates and infrastructure failure (from 2015/16)';
COMMENT ON COLUMN @extschema@.eric_trust.fires_recorded_count IS 'fires recorded';
COMMENT ON COLUMN @extschema@.eric_trust.false_alarms_count IS 'false alarms (with and without call-out from 2016/17)';
COMMENT ON COLUMN @extschema@.eric_trust.fire_deaths_count IS 'deaths resulting from fires';
COMMENT ON COLUMN @extschema@.eric_trust.fire_injuries_count IS 'people injured resulting from fires';

-- ---------------------------------------------------------------------------
-- Header map (shipped reference data, recreated by the install script).
-- ---------------------------------------------------------------------------

-- Header text as compared: case, spacing, punctuation and the spellings of
-- £, m², m³ and % folded, and UTF-8 text mis-read as Windows-1252 repaired.
CREATE FUNCTION @extschema@.eric_header_key(header text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.btrim(pg_catalog.regexp_replace(
             pg_catalog.translate(
               pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
                 pg_catalog.lower(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(header,
                   'Â£'::text, '£'::text), 'Â²'::text, '²'::text), 'Â³'::text, '³'::text)),
                 '£'::text, ' gbp '::text), '%'::text, ' pct '::text),
                 'm^2'::text, 'm2'::text), 'm^3'::text, 'm3'::text),
               '²³'::text, '23'::text),
             '[^a-z0-9]+'::text, ' '::text, 'g'::text));
END;
COMMENT ON FUNCTION @extschema@.eric_header_key(text) IS
    'ERIC header or section heading as matched by the loader: lower case, punctuation and spacing folded, £ -> gbp, % -> pct, m²/m^2 -> m2';

CREATE TABLE @extschema@.eric_header (
    kind        text NOT NULL CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['site', 'trust']::text[])),
    -- The loader fills these itself; no header may.
    column_name text NOT NULL CHECK (column_name OPERATOR(pg_catalog.<>) ALL (ARRAY['financial_year', 'year_label',
                                     'not_applicable', 'other_items', 'load_id', 'source_row']::text[])),
    header      text NOT NULL,
    section     text,
    part        boolean NOT NULL DEFAULT false,
    definition  text NOT NULL,
    shipped     boolean NOT NULL DEFAULT false,
    header_key  text NOT NULL GENERATED ALWAYS AS (@extschema@.eric_header_key(header)) STORED,
    section_key text GENERATED ALWAYS AS (@extschema@.eric_header_key(section)) STORED,
    UNIQUE NULLS NOT DISTINCT (kind, header_key, section_key)
);
COMMENT ON TABLE @extschema@.eric_header IS
    'published ERIC headers and the table column each one fills, for every year the loader knows; users may add rows for new headers';
COMMENT ON COLUMN @extschema@.eric_header.kind IS 'site or trust file';
COMMENT ON COLUMN @extschema@.eric_header.column_name IS 'column of estate.eric_site or estate.eric_trust';
COMMENT ON COLUMN @extschema@.eric_header.header IS 'header as published in one of the years';
COMMENT ON COLUMN @extschema@.eric_header.section IS 'section heading (row above the headers) that qualifies a header repeated in a file; NULL matches a header that occurs once';
COMMENT ON COLUMN @extschema@.eric_header.part IS 'the column is the sum of all the part headers present in a file';
COMMENT ON COLUMN @extschema@.eric_header.definition IS 'what the header measures; estate.year_on_year flags a column whose definition differs between years';
COMMENT ON COLUMN @extschema@.eric_header.shipped IS 'the row ships with the extension (recreated by the install script, not dumped); rows users add are dumped';
COMMENT ON COLUMN @extschema@.eric_header.header_key IS 'header as matched (estate.eric_header_key)';
COMMENT ON COLUMN @extschema@.eric_header.section_key IS 'section as matched (estate.eric_header_key)';

INSERT INTO @extschema@.eric_header (kind, column_name, header, section, part, definition, shipped)
SELECT v.*, true FROM (VALUES
    -- identity, both kinds
    ('site', 'trust_code', 'Organisation Code', NULL, false, 'trust code'),
    ('site', 'trust_code', 'Trust Code', NULL, false, 'trust code'),
    ('site', 'trust_name', 'Organisation Name', NULL, false, 'trust name'),
    ('site', 'trust_name', 'Trust Name', NULL, false, 'trust name'),
    ('site', 'commissioning_region', 'Commissioning Region', NULL, false, 'commissioning region'),
    ('site', 'commissioning_region', 'Region', NULL, false, 'commissioning region'),
    ('site', 'organisation_type', 'Organisation Type', NULL, false, 'organisation type'),
    ('site', 'organisation_type', 'Trust Type', NULL, false, 'organisation type'),
    ('site', 'integrated_care_board', 'Integrated Care Board', NULL, false, 'integrated care board'),
    ('site', 'site_code', 'Site Code', NULL, false, 'site code'),
    ('site', 'site_name', 'Site Name', NULL, false, 'site name'),
    ('site', 'site_type', 'Site Type', NULL, false, 'site type'),
    -- areas
    ('site', 'gross_internal_floor_area_m2', 'Gross internal site floor area (m²)', NULL, false, 'gross internal floor area'),
    ('site', 'gross_internal_floor_area_m2', 'Gross internal floor area (m²)', NULL, false, 'gross internal floor area'),
    ('site', 'occupied_floor_area_m2', 'Occupied floor area (m²)', NULL, false, 'occupied floor area'),
    ('site', 'occupied_floor_area_m2', 'Occupied floor area (m²)', 'Areas', false, 'occupied floor area'),
    ('site', 'nhs_occupied_floor_area_pct', 'NHS estate occupied floor area (%)', NULL, false, 'NHS occupied share'),
    ('site', 'heated_volume_m3', 'Site heated volume (m³)', NULL, false, 'heated volume'),
    ('site', 'building_footprint_m2', 'Site footprint (m²)', NULL, false, 'site footprint'),
    ('site', 'building_footprint_m2', 'Building footprint (m²)', NULL, false, 'building footprint'),
    ('site', 'land_area_ha', 'Site land area (Hectare)', NULL, false, 'site land area'),
    ('site', 'land_area_ha', 'Land area owned (Hectares)', NULL, false, 'land area owned'),
    ('site', 'patient_occupied_floor_area_m2', 'Patient occupied floor area (m²)', NULL, false, 'patient occupied floor area'),
    ('site', 'non_patient_occupied_floor_area_m2', 'Non-patient occupied floor area (m²)', NULL, false, 'non-patient occupied floor area'),
    ('site', 'clinical_space_m2', 'Clinical space (m²)', NULL, false, 'clinical space'),
    ('site', 'non_clinical_space_m2', 'Non-clinical space (m²)', NULL, false, 'non-clinical space'),
    -- function and space
    ('site', 'not_functionally_suitable_pct', 'Not functionally suitable - occupied floor area (%)', NULL, false, 'not functionally suitable'),
    ('site', 'not_functionally_suitable_patient_pct', 'Not functionally suitable - patient occupied floor area (%)', NULL, false, 'not functionally suitable, patient'),
    ('site', 'empty_floor_area_pct', 'Un-utilised space (%)', NULL, false, 'un-utilised space'),
    ('site', 'empty_floor_area_pct', 'Floor area - empty (%)', NULL, false, 'empty floor area'),
    ('site', 'underused_floor_area_pct', 'Floor area - under used (%)', NULL, false, 'under-used floor area'),
    ('site', 'underused_floor_area_pct', 'Floor area - underused (%)', NULL, false, 'under-used floor area'),
    ('site', 'available_beds_count', 'Available beds (No.)', NULL, false, 'available beds'),
    ('site', 'occupied_beds_count', 'Occupied beds (No.)', NULL, false, 'occupied beds'),
    ('site', 'occupied_beds_count', 'Occupied beds (No.)', 'Function and Space', false, 'occupied beds'),
    ('site', 'single_bedrooms_ensuite_count', 'Single bedrooms for patients with en-suite facilities (No.)', NULL, false, 'single en-suite bedrooms'),
    ('site', 'single_bedrooms_no_ensuite_count', 'Single bedrooms for patients without en-suite facilities (No.)', NULL, false, 'single bedrooms without en-suite'),
    -- age profile
    ('site', 'age_2015_on_pct', 'Age profile - 2015 to present (%)', NULL, false, 'built 2015 on'),
    ('site', 'age_2015_on_pct', 'Age profile - 2015 to 2024 (%)', NULL, false, 'built 2015 on'),
    ('site', 'age_2005_2014_pct', 'Age profile - 2005 to present (%)', NULL, false, 'built 2005-2014'),
    ('site', 'age_2005_2014_pct', 'Age profile - 2005 to 2014 (%)', NULL, false, 'built 2005-2014'),
    ('site', 'age_1995_2004_pct', 'Age profile - 1995 to 2004 (%)', NULL, false, 'built 1995-2004'),
    ('site', 'age_1985_1994_pct', 'Age profile - 1985 to 1994 (%)', NULL, false, 'built 1985-1994'),
    ('site', 'age_1975_1984_pct', 'Age profile - 1975 to 1984 (%)', NULL, false, 'built 1975-1984'),
    ('site', 'age_1965_1974_pct', 'Age profile - 1965 to 1974 (%)', NULL, false, 'built 1965-1974'),
    ('site', 'age_1955_1964_pct', 'Age profile - 1955 to 1964 (%)', NULL, false, 'built 1955-1964'),
    ('site', 'age_1948_1954_pct', 'Age profile - 1948 to 1954 (%)', NULL, false, 'built 1948-1954'),
    ('site', 'age_pre_1948_pct', 'Age profile - pre 1948 (%)', NULL, false, 'built before 1948'),
    -- quality of buildings
    ('site', 'backlog_high_risk_gbp', 'Cost to eradicate high risk backlog (£)', NULL, false, 'high risk backlog'),
    ('site', 'backlog_significant_risk_gbp', 'Cost to eradicate significant risk backlog (£)', NULL, false, 'significant risk backlog'),
    ('site', 'backlog_moderate_risk_gbp', 'Cost to eradicate moderate risk backlog (£)', NULL, false, 'moderate risk backlog'),
    ('site', 'backlog_low_risk_gbp', 'Cost to eradicate low risk backlog (£)', NULL, false, 'low risk backlog'),
    ('site', 'risk_adjusted_backlog_gbp', 'Risk adjusted backlog cost (£)', NULL, false, 'risk-adjusted backlog'),
    -- energy
    ('site', 'electricity_kwh', 'Electricity consumed - utility (kWh)', NULL, true, 'electricity consumed'),
    ('site', 'electricity_kwh', 'Electricity consumed - local (kWh)', NULL, true, 'electricity consumed'),
    ('site', 'electricity_kwh', 'Electricity consumed (kWh)', NULL, false, 'electricity consumed'),
    ('site', 'gas_kwh', 'Gas consumed - utility (kWh)', NULL, false, 'gas consumed'),
    ('site', 'gas_kwh', 'Gas consumed (kWh)', NULL, false, 'gas consumed'),
    ('site', 'oil_kwh', 'Oil consumed - utility (kWh)', NULL, false, 'oil consumed'),
    ('site', 'oil_kwh', 'Oil consumed (kWh)', NULL, false, 'oil consumed'),
    ('site', 'coal_kwh', 'Coal consumed - utility (kWh)', NULL, false, 'coal consumed'),
    ('site', 'coal_kwh', 'Coal consumed (kWh)', NULL, false, 'coal consumed'),
    ('site', 'steam_kwh', 'Steam consumed - local (kWh)', NULL, false, 'steam consumed'),
    ('site', 'steam_kwh', 'Steam consumed (kWh)', NULL, false, 'steam consumed'),
    ('site', 'hot_water_kwh', 'Hot water consumed - local (kWh)', NULL, false, 'hot water consumed'),
    ('site', 'hot_water_kwh', 'Hot water consumed (kWh)', NULL, false, 'hot water consumed'),
    ('site', 'renewable_electricity_kwh', 'Electricity consumed - renewable (kWh)', NULL, false, 'renewable electricity'),
    ('site', 'renewable_electricity_kwh', 'Electricity consumed - green energy tariff (kWh)', NULL, true, 'green tariff and third-party renewable electricity'),
    ('site', 'renewable_electricity_kwh', 'Electricity consumed - third party owned renewable (kWh)', NULL, true, 'green tariff and third-party renewable electricity'),
    ('site', 'non_fossil_fuel_kwh', 'Non-fossil fuel consumed - renewable (kWh)', NULL, false, 'non-fossil fuel'),
    ('site', 'chp_fossil_input_kwh', 'Total fossil energy input to the CHP system/s (kWh)', NULL, false, 'CHP fossil input'),
    ('site', 'chp_fossil_input_kwh', 'Fossil energy input to the CHP system/s (kWh)', NULL, false, 'CHP fossil input'),
    ('site', 'chp_fossil_input_kwh', 'Fossil energy input to CHP system/s (kWh)', NULL, false, 'CHP fossil input'),
    ('site', 'chp_thermal_output_kwh', 'Total thermal energy output of the CHP system/s (kWh)', NULL, false, 'CHP thermal output'),
    ('site', 'chp_thermal_output_kwh', 'Thermal energy output of the CHP system/s (kWh)', NULL, false, 'CHP thermal output'),
    ('site', 'chp_thermal_output_kwh', 'Thermal energy output of CHP system/s (kWh)', NULL, false, 'CHP thermal output'),
    ('site', 'chp_electrical_output_kwh', 'Total electrical energy output of the CHP system/s (kWh)', NULL, false, 'CHP electrical output'),
    ('site', 'chp_electrical_output_kwh', 'Electrical energy output of the CHP system/s (kWh)', NULL, false, 'CHP electrical output'),
    ('site', 'chp_electrical_output_kwh', 'Electrical energy output of CHP system/s (kWh)', NULL, false, 'CHP electrical output'),
    ('site', 'exported_electricity_kwh', 'Total exported electricity for the site (kWh)', NULL, false, 'exported electricity'),
    ('site', 'exported_electricity_kwh', 'Exported electricity (kWh)', NULL, false, 'exported electricity'),
    ('site', 'exported_thermal_kwh', 'Total exported thermal energy for the site (kWh)', NULL, false, 'exported thermal energy'),
    ('site', 'exported_thermal_kwh', 'Exported thermal energy (kWh)', NULL, false, 'exported thermal energy'),
    ('site', 'energy_cost_gbp', 'Total energy cost (all energy supplies, utility, local and renewable) (£)', NULL, false, 'energy cost'),
    ('site', 'energy_cost_gbp', 'Energy cost (all energy supplies) (£)', NULL, false, 'energy cost'),
    ('site', 'energy_cost_gbp', 'Energy cost (all energy supplies) (£)', 'Energy', false, 'energy cost'),
    ('site', 'energy_cost_gbp', 'Energy costs (all energy supplies) (£)', NULL, false, 'energy cost'),
    -- water
    ('site', 'water_volume_m3', 'Water volume (including borehole) (m³)', NULL, false, 'water volume'),
    ('site', 'water_sewage_cost_gbp', 'Water and sewage cost (£)', NULL, false, 'water and sewage cost'),
    ('site', 'water_sewage_cost_gbp', 'Water cost (£)', NULL, true, 'water and sewage cost'),
    ('site', 'water_sewage_cost_gbp', 'Sewage cost (£)', NULL, true, 'water and sewage cost'),
    -- facilities management
    ('site', 'hard_fm_cost_gbp', 'Hard FM (Estates) costs (£)', NULL, false, 'hard FM costs'),
    ('site', 'hard_fm_cost_gbp', 'Hard FM (Estates) costs (£)', 'Facilities Management (FM) Services', false, 'hard FM costs'),
    ('site', 'soft_fm_cost_gbp', 'Soft FM (Hotel Services) costs (£)', NULL, false, 'soft FM costs'),
    ('site', 'soft_fm_cost_gbp', 'Soft FM (Hotel Services) costs (£)', 'Facilities Management (FM) Services', false, 'soft FM costs'),
    ('site', 'finance_cost_gbp', 'Estates and facilities finance costs (£)', NULL, false, 'finance costs'),
    ('site', 'maintenance_cost_gbp', 'Maintenance service costs (£)', NULL, false, 'maintenance costs'),
    ('site', 'maintenance_cost_gbp', 'Maintenance service costs (£)', 'Facilities Management (FM) Services', false, 'maintenance costs'),
    ('site', 'cleaning_cost_gbp', 'Cleaning service cost (£)', NULL, false, 'cleaning cost'),
    ('site', 'waste_cost_gbp', 'Total waste cost (£)', NULL, false, 'total waste cost'),
    ('site', 'waste_cost_gbp', 'Waste cost (£)', NULL, false, 'total waste cost'),
    ('site', 'waste_cost_gbp', 'Waste cost (£)', 'Waste', false, 'total waste cost'),
    ('site', 'waste_cost_gbp', 'Clinical waste cost (£)', NULL, true, 'clinical, special, domestic and recycling waste cost'),
    ('site', 'waste_cost_gbp', 'Special waste cost (£)', NULL, true, 'clinical, special, domestic and recycling waste cost'),
    ('site', 'waste_cost_gbp', 'Domestic waste cost (£)', NULL, true, 'clinical, special, domestic and recycling waste cost'),
    ('site', 'waste_cost_gbp', 'Waste recycling, recovery cost (£)', NULL, true, 'clinical, special, domestic and recycling waste cost'),
    ('site', 'parking_spaces_count', 'Total parking spaces available (No.)', NULL, false, 'parking spaces'),
    ('site', 'parking_spaces_count', 'Parking spaces available (No.)', NULL, false, 'parking spaces'),
    -- trust returns
    ('trust', 'trust_code', 'Organisation Code', NULL, false, 'trust code'),
    ('trust', 'trust_code', 'Trust Code', NULL, false, 'trust code'),
    ('trust', 'trust_name', 'Organisation Name', NULL, false, 'trust name'),
    ('trust', 'trust_name', 'Trust Name', NULL, false, 'trust name'),
    ('trust', 'commissioning_region', 'Commissioning Region', NULL, false, 'commissioning region'),
    ('trust', 'commissioning_region', 'Region', NULL, false, 'commissioning region'),
    ('trust', 'organisation_type', 'Organisation Type', NULL, false, 'organisation type'),
    ('trust', 'organisation_type', 'Trust Type', NULL, false, 'organisation type'),
    ('trust', 'integrated_care_board', 'Integrated Care Board', NULL, false, 'integrated care board'),
    ('trust', 'site_count', 'Total number of sites (No.)', NULL, false, 'sites'),
    ('trust', 'estates_development_strategy', 'Estates Development Strategy (Yes/No)', NULL, false, 'estates development strategy'),
    ('trust', 'contracted_out_services_gbp', 'Value of contracted out services (£)', NULL, false, 'contracted out services'),
    ('trust', 'contracted_out_pct', 'Percentage of hard FM (estates) and soft FM (hotel services) contracted out (%)', NULL, false, 'FM contracted out'),
    ('trust', 'capital_new_build_gbp', 'Capital investment for new build (£)', NULL, false, 'capital, new build'),
    ('trust', 'capital_existing_buildings_gbp', 'Capital investment for improving existing buildings (£)', NULL, false, 'capital, existing buildings'),
    ('trust', 'capital_equipment_gbp', 'Capital investment for equipment (£)', NULL, false, 'capital, equipment'),
    ('trust', 'private_sector_investment_gbp', 'Private Sector investment (£)', NULL, false, 'private sector investment'),
    ('trust', 'backlog_investment_gbp', 'Investment to reduce backlog maintenance (£)', NULL, false, 'investment to reduce backlog'),
    ('trust', 'land_sales_income_gbp', 'Income from building and land sales (£)', NULL, false, 'land sales income'),
    ('trust', 'land_sold_ha', 'Building and land area sold (Hectare)', NULL, false, 'land sold'),
    ('trust', 'riddor_incidents_count', 'RIDDOR incidents (No.)', NULL, false, 'RIDDOR incidents'),
    ('trust', 'estates_incidents_count', 'Estates and facilities related incidents (No.)', NULL, false, 'estates incidents'),
    ('trust', 'clinical_incidents_from_estates_count', 'Clinical service incidents caused by estates and infrastructure failure (No.)', NULL, false, 'clinical incidents from estates failure'),
    ('trust', 'fires_recorded_count', 'Fires recorded (No.)', NULL, false, 'fires'),
    ('trust', 'false_alarms_count', 'False alarms (No.)', NULL, false, 'false alarms'),
    ('trust', 'false_alarms_count', 'False alarms - No call out (No.)', NULL, true, 'false alarms'),
    ('trust', 'false_alarms_count', 'False alarms - Call out (No.)', NULL, true, 'false alarms'),
    ('trust', 'fire_deaths_count', 'Number of deaths resulting from fire(s) (No.)', NULL, false, 'fire deaths'),
    ('trust', 'fire_injuries_count', 'Number of people injured resulting from fire(s) (No.)', NULL, false, 'fire injuries')
) AS v;

-- ---------------------------------------------------------------------------
-- The loader
-- ---------------------------------------------------------------------------

-- One CSV record (RFC 4180: fields separated by commas, quoted with ", a
-- quote inside doubled) split into its fields; NULL when the quoting is
-- malformed.  Every match is a field and its comma, so the matches cover the
-- record exactly when it is well formed.
CREATE FUNCTION @extschema@.eric_csv_fields(record text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE WHEN pg_catalog.sum(pg_catalog.length(m.f[1])) OPERATOR(pg_catalog.=) (pg_catalog.length(record) OPERATOR(pg_catalog.+) 1)::bigint
                THEN pg_catalog.array_agg(
                       CASE WHEN m.f[1] OPERATOR(pg_catalog.~~) '"%'::text
                            THEN pg_catalog.replace(pg_catalog.substr(m.f[1], 2, pg_catalog.length(m.f[1]) OPERATOR(pg_catalog.-) 3),
                                                    '""'::text, '"'::text)
                            ELSE pg_catalog.substr(m.f[1], 1, pg_catalog.length(m.f[1]) OPERATOR(pg_catalog.-) 1) END
                       ORDER BY m.n) END
    FROM pg_catalog.regexp_matches(record OPERATOR(pg_catalog.||) ','::text,
                                   '(("(?:[^"]|"")*"|[^,"]*),)'::text, 'g'::text) WITH ORDINALITY AS m(f, n);
END;
COMMENT ON FUNCTION @extschema@.eric_csv_fields(text) IS
    'fields of one CSV record (comma separated, double-quoted, "" for a quote); NULL when the quoting is malformed';

-- estate.load_eric, the loader's SQL side, is in sql/load_eric.sql.

-- Users fill these tables: pg_dump keeps their rows; everyone may
-- read them and the extension's owner may write them, and grant that on.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eric_load', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eric_load_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eric_site', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eric_trust', '');
-- Headers users add for new years are theirs to keep; the shipped ones are recreated.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.eric_header', 'WHERE NOT shipped');
GRANT SELECT ON @extschema@.eric_load, @extschema@.eric_site, @extschema@.eric_trust, @extschema@.eric_header TO PUBLIC;
GRANT INSERT, UPDATE, DELETE, TRUNCATE ON @extschema@.eric_load, @extschema@.eric_site, @extschema@.eric_trust
    TO @extowner@ WITH GRANT OPTION;
GRANT INSERT, UPDATE, DELETE ON @extschema@.eric_header TO @extowner@ WITH GRANT OPTION;
GRANT USAGE, SELECT, UPDATE ON SEQUENCE @extschema@.eric_load_id_seq TO @extowner@ WITH GRANT OPTION;
