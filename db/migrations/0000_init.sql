CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`address` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_username_idx` ON `login_attempts` (`username`,`at`);--> statement-breakpoint
CREATE INDEX `login_attempts_address_idx` ON `login_attempts` (`address`,`at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `setup_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);--> statement-breakpoint
CREATE TABLE `downloads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`episode_id` integer NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`language` text,
	`hoster` text,
	`bytes_done` integer DEFAULT 0 NOT NULL,
	`bytes_total` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`attempt_log` text DEFAULT '[]' NOT NULL,
	`error` text,
	`target_path` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`episode_id`) REFERENCES `episodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `downloads_state_position_idx` ON `downloads` (`state`,`position`);--> statement-breakpoint
CREATE INDEX `downloads_episode_idx` ON `downloads` (`episode_id`);--> statement-breakpoint
CREATE TABLE `episodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`season` integer NOT NULL,
	`number` integer NOT NULL,
	`title_de` text,
	`title_en` text,
	`languages` text DEFAULT '[]' NOT NULL,
	`air_date` text,
	`in_catalog` integer DEFAULT true NOT NULL,
	`file_path` text,
	`file_size` integer,
	`file_language` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `series`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `episodes_series_season_number_unique` ON `episodes` (`series_id`,`season`,`number`);--> statement-breakpoint
CREATE INDEX `episodes_series_idx` ON `episodes` (`series_id`);--> statement-breakpoint
CREATE TABLE `series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`catalog_key` text NOT NULL,
	`title` text NOT NULL,
	`folder` text NOT NULL,
	`year` integer,
	`end_year` integer,
	`description` text,
	`cover_url` text,
	`genres` text DEFAULT '[]' NOT NULL,
	`imdb_id` text,
	`tmdb_id` integer,
	`monitored` integer DEFAULT false NOT NULL,
	`languages` text,
	`loading_status` text DEFAULT 'pending' NOT NULL,
	`episodes_loaded` integer DEFAULT false NOT NULL,
	`nfo_loaded` integer DEFAULT false NOT NULL,
	`logo_loaded` integer DEFAULT false NOT NULL,
	`images_loaded` integer DEFAULT false NOT NULL,
	`loading_started_at` integer,
	`loading_completed_at` integer,
	`loading_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_catalog_key_unique` ON `series` (`catalog_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `series_folder_unique` ON `series` (`folder`);--> statement-breakpoint
CREATE INDEX `series_loading_status_idx` ON `series` (`loading_status`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic` text NOT NULL,
	`series_id` integer,
	`download_id` integer,
	`payload` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_topic_id_idx` ON `events` (`topic`,`id`);--> statement-breakpoint
CREATE INDEX `events_series_idx` ON `events` (`series_id`,`id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
);
