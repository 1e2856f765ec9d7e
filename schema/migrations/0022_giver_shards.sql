CREATE TABLE `click_fences` (
	`month` text NOT NULL,
	`first_id` integer NOT NULL,
	`last_id` integer NOT NULL,
	PRIMARY KEY(`month`, `first_id`, `last_id`)
);
--> statement-breakpoint
CREATE TABLE `settlement_clicks` (
	`month` text NOT NULL,
	`giver_id` integer NOT NULL,
	`thing_id` integer NOT NULL,
	PRIMARY KEY(`month`, `giver_id`, `thing_id`)
);
--> statement-breakpoint
CREATE TABLE `shard_clicks` (
	`month` text NOT NULL,
	`giver_id` integer NOT NULL,
	`thing_id` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`month`, `giver_id`, `thing_id`)
);
--> statement-breakpoint
CREATE INDEX `shard_clicks_thing_month` ON `shard_clicks` (`thing_id`,`month`);