ALTER TABLE `series_counters` ADD `episodes_missing_preferred` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `series_counters_missing_idx` ON `series_counters` (`episodes_missing`);--> statement-breakpoint
CREATE INDEX `series_counters_missing_preferred_idx` ON `series_counters` (`episodes_missing_preferred`);--> statement-breakpoint
CREATE INDEX `series_title_idx` ON `series` ("title" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE INDEX `series_year_idx` ON `series` ("year" DESC,"title" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `series_monitored_idx` ON `series` (`monitored`);--> statement-breakpoint
-- Hand-added below (drizzle-kit does not generate virtual tables, triggers or data steps).
-- Title search for series.list: an FTS5 index over series.title with the trigram tokenizer (substring
-- matches, case-insensitive), kept by triggers so every writer, the worker's connection included, updates it.
CREATE VIRTUAL TABLE `series_search` USING fts5(title, content='series', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `series_search_insert` AFTER INSERT ON `series` BEGIN
  INSERT INTO series_search (rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER `series_search_delete` AFTER DELETE ON `series` BEGIN
  INSERT INTO series_search (series_search, rowid, title) VALUES ('delete', old.id, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER `series_search_update` AFTER UPDATE OF title ON `series` BEGIN
  INSERT INTO series_search (series_search, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO series_search (rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
INSERT INTO series_search (series_search) VALUES ('rebuild');
--> statement-breakpoint
-- Every series has a counters row (zeros until its episodes are written), so series.list joins the two
-- tables without a LEFT JOIN and the "most missing" sort reads the counters' index in order.
CREATE TRIGGER `series_counters_row` AFTER INSERT ON `series` BEGIN
  INSERT OR IGNORE INTO series_counters (series_id) VALUES (new.id);
END;
--> statement-breakpoint
INSERT OR IGNORE INTO series_counters (series_id) SELECT id FROM series;
--> statement-breakpoint
-- episodes_missing_preferred: the missing-by-languages histogram summed over the keys that share a language
-- with the series' own list, else the stored `languages` setting, else its default (shared/languages.ts
-- DEFAULT_LANGUAGE_ORDER; tests/db/series-list-query.test.ts checks the two agree).
CREATE TRIGGER `series_counters_preferred_insert` AFTER INSERT ON `series_counters` BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(new.missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = new.series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE series_id = new.series_id;
END;
--> statement-breakpoint
CREATE TRIGGER `series_counters_preferred_update` AFTER UPDATE OF missing_by_languages ON `series_counters` BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(new.missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = new.series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE series_id = new.series_id;
END;
--> statement-breakpoint
CREATE TRIGGER `series_languages_preferred` AFTER UPDATE OF languages ON `series` BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE series_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `settings_languages_insert` AFTER INSERT ON `settings` WHEN new.key = 'languages' BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE missing_by_languages <> '{}';
END;
--> statement-breakpoint
CREATE TRIGGER `settings_languages_update` AFTER UPDATE ON `settings` WHEN new.key = 'languages' BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE missing_by_languages <> '{}';
END;
--> statement-breakpoint
CREATE TRIGGER `settings_languages_delete` AFTER DELETE ON `settings` WHEN old.key = 'languages' BEGIN
  UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)))
  WHERE missing_by_languages <> '{}';
END;
--> statement-breakpoint
UPDATE series_counters SET episodes_missing_preferred = (SELECT coalesce(sum(h.value), 0) FROM json_each(missing_by_languages) h
    WHERE EXISTS (SELECT 1 FROM json_each(h.key) l WHERE l.value IN (SELECT p.value FROM json_each(coalesce(
      (SELECT nullif(s.languages, 'null') FROM series s WHERE s.id = series_id),
      (SELECT st.value FROM settings st WHERE st.key = 'languages'),
      '["de","de-sub","en-sub"]')) p)));
