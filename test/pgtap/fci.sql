-- estate.fci and estate.fci_band.
BEGIN;
SELECT plan(29);

SELECT is(estate.fci(500000, 10000000), 0.05, 'fci: 500,000 / 10,000,000 = 0.05');
SELECT is(estate.fci(0, 1), 0::numeric, 'no backlog: 0');
SELECT is(estate.fci(3, 2), 1.5, 'can exceed 1');
SELECT is(estate.fci('high=300000, significant=100000, moderate=50000, low=25000, unassessed=25000'::estate.backlog, 10000000),
          0.05, 'fci(backlog) uses the total, unassessed included');
SELECT is(estate.fci('unassessed=92233720368547758.07, low=92233720368547758.07'::estate.backlog, 184467440737095516.14),
          1::numeric, 'fci of a total beyond int64');
SELECT ok(estate.fci(NULL::numeric, 1) IS NULL AND estate.fci(1, NULL) IS NULL AND estate.fci(NULL::estate.backlog, 1) IS NULL,
          'NULL in, NULL out');
SELECT throws_ok($$SELECT estate.fci(1, 0)$$, '22023', 'replacement_value 0 is not positive', 'replacement value 0');
SELECT throws_ok($$SELECT estate.fci(1, -5)$$, '22023', 'replacement_value -5 is not positive', 'negative replacement value');
SELECT throws_ok($$SELECT estate.fci(-1, 5)$$, '22023', 'backlog_cost -1 is negative', 'negative cost');
SELECT throws_ok($$SELECT estate.fci('NaN', 5)$$, '22023', 'backlog_cost NaN is not a finite number', 'NaN cost');
SELECT throws_ok($$SELECT estate.fci(1, 'Infinity')$$, '22023', 'replacement_value Infinity is not a finite number', 'Infinity value');
SELECT throws_ok($$SELECT estate.fci('low=1'::estate.backlog, 0)$$, '22023', 'replacement_value 0 is not positive', 'fci(backlog) checks too');

-- Bands at and around each boundary.
SELECT is(estate.fci_band(f), band, format('fci_band(%s) = %s', f, band))
FROM (VALUES (0::numeric, 'good'), (0.0499999, 'good'), (0.05, 'fair'), (0.0999, 'fair'), (0.10, 'poor'),
             (0.2999999999, 'poor'), (0.30, 'critical'), (7, 'critical')) AS t(f, band);
SELECT is(estate.fci_band(0.15, 0.1, 0.2, 0.4), 'fair', 'own cut-points: fair');
SELECT is(estate.fci_band(0.4, 0.1, 0.2, 0.4), 'critical', 'own cut-points: critical at the cut');
SELECT is(estate.fci_band(0, 0, 0.2, 0.4), 'fair', 'a cut-point of 0: everything at least fair');
SELECT is(estate.fci_band(estate.fci('high=2000'::estate.backlog, 10000)), 'poor', 'fci_band(fci(backlog, value))');
SELECT throws_ok($$SELECT estate.fci_band(-0.01)$$, '22023', 'fci -0.01 is negative', 'negative fci');
SELECT throws_ok($$SELECT estate.fci_band('NaN')$$, '22023', 'fci NaN is not a finite number', 'NaN fci');
SELECT throws_ok($$SELECT estate.fci_band(0.1, 0.2, 0.2, 0.3)$$, '22023', 'poor_from 0.2 is not above fair_from 0.2',
                 'cut-points must increase');
SELECT throws_ok($$SELECT estate.fci_band(0.1, 0.1, 0.3, 0.2)$$, '22023', 'critical_from 0.2 is not above poor_from 0.3',
                 'cut-points must increase (last)');
SELECT throws_ok($$SELECT estate.fci_band(0.1, -0.1, 0.3, 0.5)$$, '22023', 'fair_from -0.1 is negative', 'negative cut-point');

SELECT * FROM finish();
ROLLBACK;
