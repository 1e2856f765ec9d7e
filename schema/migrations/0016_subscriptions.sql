CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`giver_id` integer NOT NULL,
	`thing_id` integer NOT NULL,
	`months` integer,
	`months_given` integer DEFAULT 0 NOT NULL,
	`next_month` text NOT NULL,
	`last_refusal` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`giver_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thing_id`) REFERENCES `things`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "subscription_months" CHECK("subscriptions"."months" IS NULL OR "subscriptions"."months" IN (3, 6, 12))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_running` ON `subscriptions` (`giver_id`,`thing_id`) WHERE "subscriptions"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX `subscriptions_due` ON `subscriptions` (`next_month`,`id`) WHERE "subscriptions"."ended_at" IS NULL;