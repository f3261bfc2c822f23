DROP INDEX `series_loading_status_idx`;--> statement-breakpoint
CREATE INDEX `series_status_title_idx` ON `series` (`loading_status`,"title" COLLATE NOCASE,`id`,`year`);