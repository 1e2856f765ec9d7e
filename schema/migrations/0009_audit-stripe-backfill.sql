-- What the ledger already holds for each Stripe deposit booked under the old per-event keys: the
-- credit `deposit:stripe:<session>`, the reversals `reversal:stripe:<payment intent>:…` and the
-- won disputes `deposit:stripe:dispute-won:<dispute>` whose reversal names this payment intent.
-- Read from the provider's account, where a credit is negative and a reversal positive. Only rows
-- never booked under the new keys (version 0), so running it again changes nothing.
UPDATE `stripe_deposits` SET `booked_cents` = -coalesce((
  SELECT sum(e.`amount_cents`)
  FROM `ledger_entries` e JOIN `ledger_transactions` t ON t.`id` = e.`transaction_id`
  WHERE e.`account_id` = (SELECT `id` FROM `accounts` WHERE `handle` = 'system:provider:stripe')
    AND (
      t.`key` = 'deposit:stripe:' || `stripe_deposits`.`session_id`
      OR t.`key` LIKE 'reversal:stripe:' || `stripe_deposits`.`payment_intent_id` || ':%'
      OR (t.`key` LIKE 'deposit:stripe:dispute-won:%' AND EXISTS (
        SELECT 1 FROM `ledger_transactions` r
        WHERE r.`key` = 'reversal:stripe:' || `stripe_deposits`.`payment_intent_id` || ':dispute:' || substr(t.`key`, 28)))
    )
), 0)
WHERE `version` = 0;
