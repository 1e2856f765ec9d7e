CREATE TABLE `budget_changes` (
	`account_id` integer NOT NULL,
	`from_month` text NOT NULL,
	`cents` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`account_id`, `from_month`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budget_change_not_negative" CHECK("budget_changes"."cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE `settlement_chunks` (
	`month` text NOT NULL,
	`first_id` integer NOT NULL,
	`last_id` integer NOT NULL,
	`enqueued_at` integer,
	`done_at` integer,
	PRIMARY KEY(`month`, `first_id`)
);
--> statement-breakpoint
CREATE TABLE `settlement_failures` (
	`month` text NOT NULL,
	`account_id` integer NOT NULL,
	`reason` text NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`resolved_at` integer,
	PRIMARY KEY(`month`, `account_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `settlement_runs` ADD `batch_transaction_mark` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `settlement_runs` ADD `batch_entry_mark` integer DEFAULT 0 NOT NULL;