CREATE TABLE `payday_records` (
	`month` text PRIMARY KEY NOT NULL,
	`givers` integer NOT NULL,
	`creators_paid` integer NOT NULL,
	`things` integer NOT NULL,
	`kudos` integer NOT NULL,
	`given_cents` integer NOT NULL,
	`fee_cents` integer NOT NULL,
	`charity_cents` integer NOT NULL,
	`held_kudos` integer NOT NULL,
	`held_cents` integer NOT NULL,
	`recorded_at` integer NOT NULL,
	FOREIGN KEY (`month`) REFERENCES `settlement_runs`(`month`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `settlement_runs` ADD `books_before` text;--> statement-breakpoint
ALTER TABLE `settlement_runs` ADD `books_after` text;