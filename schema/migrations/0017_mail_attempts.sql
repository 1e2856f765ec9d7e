ALTER TABLE `outbox` ADD `attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Messages kept before attempts were counted were tried once.
UPDATE `outbox` SET `attempts` = 1 WHERE `status` <> 'sending';
