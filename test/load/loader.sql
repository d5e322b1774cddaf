-- Reload the 2015/16 site or trust returns (the same file: the year must
-- read the same before, during and after).
\set k random(0, 1)
SELECT estate.load_eric(f.file_name, '2015/16', f.kind, f.sha256, 'UTF8', f.lines)
FROM eric_file AS f WHERE f.kind = (ARRAY['site', 'trust'])[:k + 1];
