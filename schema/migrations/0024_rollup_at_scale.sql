CREATE TABLE `rollup_entries` (
	`month` text NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`thing_key` integer NOT NULL,
	`entry_id` integer NOT NULL,
	PRIMARY KEY(`month`, `account_id`, `kind`, `thing_key`)
);
--> statement-breakpoint
CREATE TABLE `settlement_batches` (
	`month` text NOT NULL,
	`first_transaction_id` integer NOT NULL,
	`last_transaction_id` integer NOT NULL,
	`first_entry_id` integer NOT NULL,
	`last_entry_id` integer NOT NULL,
	PRIMARY KEY(`month`, `first_transaction_id`)
);
--> statement-breakpoint
ALTER TABLE `rollups` ADD `phase` text DEFAULT 'batches' NOT NULL;--> statement-breakpoint
ALTER TABLE `rollups` ADD `entry_mark` integer DEFAULT 0 NOT NULL;