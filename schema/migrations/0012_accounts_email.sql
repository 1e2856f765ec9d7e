CREATE TABLE `email_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`purpose` text NOT NULL,
	`email` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `email_tokens_account` ON `email_tokens` (`account_id`);--> statement-breakpoint
CREATE TABLE `message_opt_outs` (
	`email` text NOT NULL,
	`topic` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`email`, `topic`)
);
--> statement-breakpoint
ALTER TABLE `accounts` ADD `email_verified_at` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `lang` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `account_id` integer REFERENCES accounts(id);--> statement-breakpoint
ALTER TABLE `outbox` ADD `topic` text DEFAULT 'invite' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `key` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `raw` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `status` text DEFAULT 'sending' NOT NULL;--> statement-breakpoint
ALTER TABLE `outbox` ADD `error` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `sent_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `unsubscribe_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_key_unique` ON `outbox` (`key`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_unsubscribe_hash_unique` ON `outbox` (`unsubscribe_hash`);--> statement-breakpoint
CREATE INDEX `outbox_to` ON `outbox` (`to_email`);