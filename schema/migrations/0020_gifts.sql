CREATE TABLE `gifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`giver_id` integer NOT NULL,
	`thing_id` integer NOT NULL,
	`session_id` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`booked_month` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`giver_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thing_id`) REFERENCES `things`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gifts_session_id_unique` ON `gifts` (`session_id`);--> statement-breakpoint
CREATE INDEX `gifts_waiting` ON `gifts` (`status`,`created_at`);