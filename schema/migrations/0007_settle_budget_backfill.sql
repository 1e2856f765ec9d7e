-- Budgets set before the history existed took effect in the month their account was created.
INSERT INTO `budget_changes` (`account_id`, `from_month`, `cents`)
SELECT `id`, strftime('%Y-%m', `created_at` / 1000, 'unixepoch'), `monthly_budget_cents`
FROM `accounts` WHERE `kind` = 'person' AND `monthly_budget_cents` > 0;
