-- Issue 20 (finding 7): "http://localhost.:8788/x" and "http://localhost:8788/x" are one site, so
-- thing URLs and site origins lose the trailing dots of their host, as normaliseUrl and
-- verifiableOrigin now write them. A thing whose dotless URL its owner already has keeps its
-- URL (UPDATE OR IGNORE: the unique owner+url stays); a dotted site row is dropped, because
-- every site verified before this release is proved again anyway (sites.proof is NULL).
UPDATE OR IGNORE things SET url = fixed.url
FROM (
  SELECT id, scheme || rtrim(host, '.') || substr(authority, length(host) + 1) || path AS url
  FROM (
    SELECT id, scheme, authority, path,
      CASE WHEN instr(authority, ':') > 0 THEN substr(authority, 1, instr(authority, ':') - 1) ELSE authority END AS host
    FROM (
      SELECT id, substr(url, 1, instr(url, '://') + 2) AS scheme,
        substr(rest, 1, instr(rest, '/') - 1) AS authority, substr(rest, instr(rest, '/')) AS path
      FROM (SELECT id, url, substr(url, instr(url, '://') + 3) AS rest FROM things WHERE instr(url, '://') > 0)
      WHERE instr(rest, '/') > 0
    )
  )
  WHERE host LIKE '%.' AND host NOT LIKE '[%' AND rtrim(host, '.') <> ''
) AS fixed
WHERE things.id = fixed.id;
--> statement-breakpoint
DELETE FROM sites WHERE (
  CASE WHEN instr(substr(origin, instr(origin, '://') + 3), ':') > 0
    THEN substr(substr(origin, instr(origin, '://') + 3), 1, instr(substr(origin, instr(origin, '://') + 3), ':') - 1)
    ELSE substr(origin, instr(origin, '://') + 3) END
) LIKE '%.';
