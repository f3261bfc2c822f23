-- Triggers that did work when nothing they keep had changed. The loader's episodes step writes the title
-- it read from the catalogue for every series, mostly the same one: the search index is rewritten only
-- when it differs. A new counters row holds no missing episodes yet: its preferred count is already 0.
-- The preferred missing count changes only with the missing episodes, the series' languages or the setting.
DROP TRIGGER `series_search_update`;
--> statement-breakpoint
CREATE TRIGGER `series_search_update` AFTER UPDATE OF title ON `series` WHEN old.title IS NOT new.title BEGIN
  INSERT INTO series_search (series_search, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO series_search (rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
DROP TRIGGER `series_counters_preferred_insert`;
--> statement-breakpoint
CREATE TRIGGER `series_counters_preferred_insert` AFTER INSERT ON `series_counters`
  WHEN new.missing_by_languages <> '{}' BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(new.missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = new.series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE series_id = new.series_id;
END;
--> statement-breakpoint
DROP TRIGGER `series_counters_preferred_update`;
--> statement-breakpoint
CREATE TRIGGER `series_counters_preferred_update` AFTER UPDATE OF missing_by_languages ON `series_counters`
  WHEN old.missing_by_languages IS NOT new.missing_by_languages BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(new.missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = new.series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE series_id = new.series_id;
END;
