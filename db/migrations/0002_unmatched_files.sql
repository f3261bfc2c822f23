CREATE TABLE `unmatched_files` (
	`path` text PRIMARY KEY NOT NULL,
	`series_id` integer NOT NULL,
	`reason` text NOT NULL,
	`reading` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unmatched_files_series_idx` ON `unmatched_files` (`series_id`);