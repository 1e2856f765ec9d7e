CREATE TABLE `month_pledges` (
	`account_id` integer NOT NULL,
	`month` text NOT NULL,
	`budget_cents` integer NOT NULL,
	`reserved_cents` integer NOT NULL,
	`settled_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`account_id`, `month`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "pledge_not_negative" CHECK("month_pledges"."reserved_cents" >= 0 AND "month_pledges"."budget_cents" >= 0)
);
--> statement-breakpoint
CREATE INDEX `pledges_open` ON `month_pledges` (`account_id`) WHERE "month_pledges"."settled_at" IS NULL;