ALTER TABLE `stripe_deposits` ADD `booked_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `stripe_deposits` ADD `version` integer DEFAULT 0 NOT NULL;