CREATE TABLE `library_folder_state` (
	`folder` text PRIMARY KEY NOT NULL,
	`mtimes` text NOT NULL,
	`outcome` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `series_counters` (
	`series_id` integer PRIMARY KEY NOT NULL,
	`episodes_total` integer DEFAULT 0 NOT NULL,
	`episodes_on_disk` integer DEFAULT 0 NOT NULL,
	`episodes_missing` integer DEFAULT 0 NOT NULL,
	`missing_by_languages` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Counters for episodes written before this migration (hand-added: drizzle-kit does not generate data steps).
INSERT INTO `series_counters` (`series_id`, `episodes_total`, `episodes_on_disk`, `episodes_missing`, `missing_by_languages`)
SELECT e.`series_id`, sum(e.`in_catalog`), count(e.`file_path`), sum(e.`in_catalog` = 1 AND e.`file_path` IS NULL),
  (SELECT json_group_object(m.`languages`, m.`n`) FROM (
    SELECT x.`languages`, count(*) AS `n` FROM `episodes` x
    WHERE x.`series_id` = e.`series_id` AND x.`in_catalog` = 1 AND x.`file_path` IS NULL GROUP BY x.`languages`) m)
FROM `episodes` e GROUP BY e.`series_id`;
