CREATE TABLE `settlement_batches` (
	`month` text NOT NULL,
	`first_transaction_id` integer NOT NULL,
	`last_transaction_id` integer NOT NULL,
	`first_entry_id` integer NOT NULL,
	`last_entry_id` integer NOT NULL,
	PRIMARY KEY(`month`, `first_transaction_id`)
);
--> statement-breakpoint
DROP INDEX `entries_account_month`;--> statement-breakpoint
CREATE INDEX `entries_account_month_thing` ON `ledger_entries` (`account_id`,`month`,`thing_id`,`counterparty_id`);--> statement-breakpoint
ALTER TABLE `rollups` ADD `ledger_by` text DEFAULT 'batches' NOT NULL;