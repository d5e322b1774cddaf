
-- ---------------------------------------------------------------------------
-- Disposal candidates: the weighted assessment
-- ---------------------------------------------------------------------------

CREATE TYPE @extschema@.disposal_assessment_result AS (
    score          double precision,
    recommendation text,
    reasons        text[],
    criteria_used  integer
);
COMMENT ON TYPE @extschema@.disposal_assessment_result IS
    'result of estate.disposal_assessment: score 0-100 (NULL when no criterion is known), retain/review/dispose, reasons, criteria used';

-- Every argument has a default, so it is called with named notation.  The
-- argument list must stay in the order of estate_disposal_arg in
-- src/core/disposal.h: the C function reads the arguments by position.
CREATE FUNCTION @extschema@.disposal_assessment(
    utilisation                   double precision DEFAULT NULL,
    unoccupied_share              double precision DEFAULT NULL,
    fci                           numeric DEFAULT NULL,
    functional_suitability        double precision DEFAULT NULL,
    running_cost_per_m2           numeric DEFAULT NULL,
    benchmark_running_cost_per_m2 numeric DEFAULT NULL,
    carbon_per_m2                 double precision DEFAULT NULL,
    benchmark_carbon_per_m2       double precision DEFAULT NULL,
    protected                     boolean DEFAULT NULL,
    w_space                       double precision DEFAULT 0.35,
    w_condition                   double precision DEFAULT 0.25,
    w_suitability                 double precision DEFAULT 0.15,
    w_running_cost                double precision DEFAULT 0.15,
    w_carbon                      double precision DEFAULT 0.10,
    utilisation_keep              double precision DEFAULT 0.60,
    utilisation_dispose           double precision DEFAULT 0.10,
    unoccupied_share_keep         double precision DEFAULT 0.025,
    unoccupied_share_dispose      double precision DEFAULT 0.25,
    fci_keep                      numeric DEFAULT 0.05,
    fci_dispose                   numeric DEFAULT 0.30,
    suitability_keep              double precision DEFAULT 1.0,
    suitability_dispose           double precision DEFAULT 0.0,
    running_cost_keep             double precision DEFAULT 1.0,
    running_cost_dispose          double precision DEFAULT 2.0,
    carbon_keep                   double precision DEFAULT 1.0,
    carbon_dispose                double precision DEFAULT 2.0,
    dispose_at                    double precision DEFAULT 60,
    review_at                     double precision DEFAULT 40,
    min_criteria                  integer DEFAULT 3)
    RETURNS @extschema@.disposal_assessment_result
    AS 'MODULE_PATHNAME', 'disposal_assessment' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.disposal_assessment(double precision, double precision, numeric,
    double precision, numeric, numeric, double precision, double precision, boolean,
    double precision, double precision, double precision, double precision, double precision,
    double precision, double precision, double precision, double precision, numeric, numeric,
    double precision, double precision, double precision, double precision, double precision,
    double precision, double precision, double precision, integer) IS
    'weighted disposal assessment of a site (space, condition, functional suitability, running cost, carbon): score 0-100, retain/review/dispose and the reasons; call with named arguments';
