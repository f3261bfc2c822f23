CREATE TABLE `connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`settings` text NOT NULL,
	`secret` text DEFAULT '' NOT NULL,
	`last_ok` integer,
	`last_at` integer,
	`last_what` text,
	`last_message` text,
	`last_attempts` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
