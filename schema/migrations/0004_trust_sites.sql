CREATE TABLE `sites` (
	`owner_id` integer NOT NULL,
	`origin` text NOT NULL,
	`verified_at` integer NOT NULL,
	PRIMARY KEY(`owner_id`, `origin`),
	FOREIGN KEY (`owner_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sites_origin` ON `sites` (`origin`);--> statement-breakpoint
ALTER TABLE `things` ADD `hidden` integer DEFAULT false NOT NULL;