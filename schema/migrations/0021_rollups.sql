CREATE TABLE `rollups` (
	`month` text PRIMARY KEY NOT NULL,
	`stage` text DEFAULT 'clicks' NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`objects` integer DEFAULT 0 NOT NULL,
	`bytes` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `thing_day_totals` (
	`thing_id` integer NOT NULL,
	`day` text NOT NULL,
	`clicks` integer NOT NULL,
	`settled_clicks` integer NOT NULL,
	`earnings_cents` integer NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	PRIMARY KEY(`thing_id`, `day`),
	FOREIGN KEY (`thing_id`) REFERENCES `things`(`id`) ON UPDATE no action ON DELETE no action
);
