-- Published number formats as estate.parse_amount reads them, what a cell
-- holds, and the messages a user sees for a value that is not a number.
SELECT s AS published, estate.parse_amount(s) AS amount, estate.cell_kind(s) AS kind
FROM unnest(ARRAY['2,864,738', '£1,234.56', '-4913', '-£0.50', ' 42 ', '0.4300',
                  'Not Applicable', 'N/A', 'No Data Provided', '-', '']) AS s;

\set VERBOSITY default
SELECT estate.parse_amount('12x4');
SELECT estate.parse_amount('1,23');
SELECT estate.parse_amount('1e6');
SELECT estate.parse_amount('NaN');
